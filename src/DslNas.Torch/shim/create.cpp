// Tensor creation and copies between managed memory and tensors.
#include "shim.h"

#include <cstring>

namespace {
at::TensorOptions options(int32_t dtype) { return at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)); }

// ATen's factories ignore TensorOptions' requires_grad (only torch::'s honour it): the flag is set on the result.
at::Tensor leaf(at::Tensor t, int32_t requires_grad) { return requires_grad != 0 ? t.set_requires_grad(true) : t; }
}  // namespace

DN_EXPORT TensorHandle DNTensor_zeros(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t requires_grad) {
    DN_TENSOR(leaf(at::zeros(dn::dims(shape, ndim), options(dtype)), requires_grad))
}

DN_EXPORT TensorHandle DNTensor_ones(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t requires_grad) {
    DN_TENSOR(leaf(at::ones(dn::dims(shape, ndim), options(dtype)), requires_grad))
}

DN_EXPORT TensorHandle DNTensor_full(const int64_t* shape, int64_t ndim, DNScalar value, int32_t dtype, int32_t requires_grad) {
    DN_TENSOR(leaf(at::full(dn::dims(shape, ndim), dn::to_scalar(value), options(dtype)), requires_grad))
}

DN_EXPORT TensorHandle DNTensor_empty(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t requires_grad) {
    DN_TENSOR(leaf(at::empty(dn::dims(shape, ndim), options(dtype)), requires_grad))
}

DN_EXPORT TensorHandle DNTensor_arange(DNScalar start, DNScalar end, DNScalar step, int32_t dtype, int32_t requires_grad) {
    DN_TENSOR(leaf(at::arange(dn::to_scalar(start), dn::to_scalar(end), dn::to_scalar(step), options(dtype)), requires_grad))
}

DN_EXPORT TensorHandle DNTensor_rand(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t requires_grad) {
    DN_TENSOR(leaf(at::rand(dn::dims(shape, ndim), options(dtype)), requires_grad))
}

DN_EXPORT TensorHandle DNTensor_randn(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t requires_grad) {
    DN_TENSOR(leaf(at::randn(dn::dims(shape, ndim), options(dtype)), requires_grad))
}

DN_EXPORT TensorHandle DNTensor_randint(int64_t low, int64_t high, const int64_t* shape, int64_t ndim, int32_t dtype) {
    DN_TENSOR(at::randint(low, high, dn::dims(shape, ndim), options(dtype)))
}

DN_EXPORT TensorHandle DNTensor_from_data(const void* data, const int64_t* shape, int64_t ndim, int32_t dtype, int32_t requires_grad) {
    DN_TRY
    auto source = at::from_blob(const_cast<void*>(data), dn::dims(shape, ndim), options(dtype));
    auto copy = source.clone();
    if (requires_grad) copy.set_requires_grad(true);
    return dn::own(copy);
    DN_CATCH(nullptr)
}

// Copies the tensor's elements (in row-major order) into `out`, which holds `bytes` bytes.
DN_EXPORT int32_t DNTensor_copy_to(TensorHandle tensor, void* out, int64_t bytes) {
    DN_STATUS({
        auto contiguous = tensor->detach().contiguous();
        auto needed = contiguous.numel() * static_cast<int64_t>(contiguous.element_size());
        TORCH_CHECK(needed == bytes, "copy_to: the tensor holds ", needed, " bytes but the destination has ", bytes);
        std::memcpy(out, contiguous.data_ptr(), static_cast<size_t>(bytes));
    })
}

// Overwrites the tensor's elements from `data` (row-major, same dtype and element count).
DN_EXPORT int32_t DNTensor_copy_from(TensorHandle tensor, const void* data, int64_t bytes) {
    DN_STATUS({
        auto needed = tensor->numel() * static_cast<int64_t>(tensor->element_size());
        TORCH_CHECK(needed == bytes, "copy_from: the tensor holds ", needed, " bytes but the source has ", bytes);
        auto source = at::from_blob(const_cast<void*>(data), tensor->sizes(), tensor->options().requires_grad(false));
        c10::NoGradGuard guard;
        tensor->copy_(source);
    })
}

DN_EXPORT int32_t DNTensor_item(TensorHandle tensor, DNScalar* out) {
    DN_STATUS({
        auto value = tensor->item();
        if (value.isFloatingPoint()) {
            *out = DNScalar{0, value.toDouble(), 0};
        } else if (value.isBoolean()) {
            *out = DNScalar{2, 0.0, value.toBool() ? 1 : 0};
        } else {
            *out = DNScalar{1, 0.0, value.toLong()};
        }
    })
}

DN_EXPORT TensorHandle DNTensor_to_dtype(TensorHandle tensor, int32_t dtype) {
    DN_TENSOR(tensor->to(static_cast<at::ScalarType>(dtype)))
}

DN_EXPORT TensorHandle DNTensor_clone(TensorHandle tensor) { DN_TENSOR(tensor->clone()) }

DN_EXPORT int32_t DNTensor_copy_(TensorHandle tensor, TensorHandle source) { DN_STATUS(tensor->copy_(*source)) }

DN_EXPORT int32_t DNTensor_fill_(TensorHandle tensor, DNScalar value) { DN_STATUS(tensor->fill_(dn::to_scalar(value))) }

DN_EXPORT int32_t DNTensor_zero_(TensorHandle tensor) { DN_STATUS(tensor->zero_()) }

DN_EXPORT int32_t DNTensor_normal_(TensorHandle tensor, double mean, double std) { DN_STATUS(tensor->normal_(mean, std)) }

DN_EXPORT int32_t DNTensor_uniform_(TensorHandle tensor, double low, double high) { DN_STATUS(tensor->uniform_(low, high)) }
