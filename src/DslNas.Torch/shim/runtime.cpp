// Errors, threads, seeds, grad mode and tensor lifetime.
#include "shim.h"

#include <ATen/Parallel.h>
#include <c10/core/GradMode.h>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <ATen/CPUGeneratorImpl.h>

namespace {
thread_local char* last_error = nullptr;
}

namespace dn {

void set_last_error(const char* message) {
    std::free(last_error);
    last_error = strdup(message);
}

std::vector<at::Tensor> tensors(const TensorHandle* handles, int64_t count) {
    std::vector<at::Tensor> result;
    result.reserve(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) result.push_back(*handles[i]);
    return result;
}

}  // namespace dn

DN_EXPORT char* DNTorch_take_last_error() {
    char* message = last_error;
    last_error = nullptr;
    return message;
}

DN_EXPORT void DNTorch_free_string(char* message) { std::free(message); }

DN_EXPORT int32_t DNTorch_set_num_threads(int32_t threads) { DN_STATUS(at::set_num_threads(threads)) }

DN_EXPORT int32_t DNTorch_get_num_threads() { DN_TRY return at::get_num_threads(); DN_CATCH(-1) }

DN_EXPORT int32_t DNTorch_manual_seed(int64_t seed) { DN_STATUS(at::manual_seed(static_cast<uint64_t>(seed))) }

DN_EXPORT int32_t DNTorch_is_grad_enabled() { return c10::GradMode::is_enabled() ? 1 : 0; }

DN_EXPORT void DNTorch_set_grad_enabled(int32_t enabled) { c10::GradMode::set_enabled(enabled != 0); }

DN_EXPORT void DNTensor_dispose(TensorHandle tensor) { delete tensor; }

DN_EXPORT int64_t DNTensor_ndim(TensorHandle tensor) { DN_TRY return tensor->dim(); DN_CATCH(-1) }

DN_EXPORT int32_t DNTensor_sizes(TensorHandle tensor, int64_t* out) {
    DN_STATUS({
        auto sizes = tensor->sizes();
        std::memcpy(out, sizes.data(), sizes.size() * sizeof(int64_t));
    })
}

DN_EXPORT int64_t DNTensor_numel(TensorHandle tensor) { DN_TRY return tensor->numel(); DN_CATCH(-1) }

DN_EXPORT int32_t DNTensor_dtype(TensorHandle tensor) { DN_TRY return static_cast<int32_t>(tensor->scalar_type()); DN_CATCH(-1) }

DN_EXPORT int32_t DNTensor_requires_grad(TensorHandle tensor) { DN_TRY return tensor->requires_grad() ? 1 : 0; DN_CATCH(-1) }

DN_EXPORT int32_t DNTensor_set_requires_grad(TensorHandle tensor, int32_t requires) {
    DN_STATUS(tensor->set_requires_grad(requires != 0))
}

// Writes the gradient, or nullptr when the tensor has none.
DN_EXPORT int32_t DNTensor_grad(TensorHandle tensor, TensorHandle* out) {
    DN_STATUS({
        const auto& grad = tensor->grad();
        *out = grad.defined() ? dn::own(grad) : nullptr;
    })
}

DN_EXPORT int32_t DNTensor_clear_grad(TensorHandle tensor) { DN_STATUS(tensor->mutable_grad().reset()) }

DN_EXPORT int32_t DNTensor_backward(TensorHandle tensor, TensorHandle gradient, int32_t retain_graph) {
    DN_STATUS(tensor->backward(gradient ? *gradient : at::Tensor(), retain_graph != 0))
}

DN_EXPORT TensorHandle DNTensor_detach(TensorHandle tensor) { DN_TENSOR(tensor->detach()) }

DN_EXPORT TensorHandle DNTensor_alias(TensorHandle tensor) { DN_TENSOR(*tensor) }

DN_EXPORT int32_t DNTensor_is_same(TensorHandle a, TensorHandle b) { return a->is_same(*b) ? 1 : 0; }

// The default CPU generator's state, as bytes, so that checkpoints resume with the same random stream.
DN_EXPORT int64_t DNTorch_rng_state_size() {
    DN_TRY
    return at::detail::getDefaultCPUGenerator().get_state().numel();
    DN_CATCH(-1)
}

DN_EXPORT int32_t DNTorch_get_rng_state(uint8_t* out, int64_t size) {
    DN_STATUS({
        auto state = at::detail::getDefaultCPUGenerator().get_state();
        TORCH_CHECK(state.numel() == size, "the generator state has ", state.numel(), " bytes, not ", size);
        std::memcpy(out, state.data_ptr<uint8_t>(), static_cast<size_t>(size));
    })
}

DN_EXPORT int32_t DNTorch_set_rng_state(const uint8_t* data, int64_t size) {
    DN_STATUS({
        auto state = at::empty({size}, at::kByte);
        std::memcpy(state.data_ptr<uint8_t>(), data, static_cast<size_t>(size));
        auto generator = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(generator.mutex());
        generator.set_state(state);
    })
}
