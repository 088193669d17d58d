// The precision of float32 matrix products: exact float32, or bfloat16 operands with float32 results.
#include "shim.h"

#include <deque>
#include <vector>

namespace {
thread_local int32_t matmul_precision = 0;  // 0 = float32, 1 = bfloat16
}

namespace dn {

bool bfloat16_products(const at::Tensor& a, const at::Tensor& b) {
    return matmul_precision == 1 && a.scalar_type() == at::kFloat && b.scalar_type() == at::kFloat;
}

namespace {

// A weight's bfloat16 copy, made at the weight's version. The entry holds the weight's storage weakly: the storage's
// data is freed with its last tensor, while its address cannot be taken by another storage as long as the entry
// exists, so the address (with offset, shape and strides) identifies the weight.
struct CastWeight {
    c10::weak_intrusive_ptr<c10::StorageImpl> storage;
    const c10::StorageImpl* address;
    int64_t offset;
    std::vector<int64_t> sizes;
    std::vector<int64_t> strides;
    int64_t version;
    at::Tensor copy;
};

// Enough for a model of 20 layers' projections and biases; beyond it the least recently used copy goes.
constexpr size_t kCastWeights = 256;
thread_local std::deque<CastWeight> cast_weights;  // most recently used first

bool same_weight(const CastWeight& cached, const at::Tensor& weight) {
    return cached.address == weight.storage().unsafeGetStorageImpl() && cached.offset == weight.storage_offset() &&
           weight.sizes().equals(cached.sizes) && weight.strides().equals(cached.strides) && weight._version() == cached.version;
}

}  // namespace

at::Tensor bf16_weight(const at::Tensor& weight) {
    if ((c10::GradMode::is_enabled() && weight.requires_grad()) || weight.scalar_type() != at::kFloat) return bf16(weight);
    for (auto it = cast_weights.begin(); it != cast_weights.end(); ++it) {
        if (!same_weight(*it, weight)) continue;
        if (it != cast_weights.begin()) {
            auto hit = std::move(*it);
            cast_weights.erase(it);
            cast_weights.push_front(std::move(hit));
        }
        return cast_weights.front().copy;
    }
    const auto& storage = weight.storage();
    cast_weights.push_front({storage.getWeakStorageImpl(), storage.unsafeGetStorageImpl(), weight.storage_offset(), weight.sizes().vec(),
                             weight.strides().vec(), weight._version(), bf16(weight).contiguous()});
    if (cast_weights.size() > kCastWeights) cast_weights.pop_back();
    return cast_weights.front().copy;
}

at::Tensor low_linear(const at::Tensor& input, const at::Tensor& weight, const c10::optional<at::Tensor>& bias) {
    c10::optional<at::Tensor> low_bias = bias.has_value() ? c10::optional<at::Tensor>(bf16_weight(*bias)) : c10::nullopt;
    return at::linear(bf16(input), bf16_weight(weight), low_bias);
}

at::Tensor linear(const at::Tensor& input, const at::Tensor& weight, const c10::optional<at::Tensor>& bias) {
    if (!bfloat16_products(input, weight)) return at::linear(input, weight, bias);
    return low_linear(input, weight, bias).to(at::kFloat);
}

at::Tensor matmul(const at::Tensor& a, const at::Tensor& b) {
    return bfloat16_products(a, b) ? at::matmul(bf16(a), bf16(b)).to(at::kFloat) : at::matmul(a, b);
}

}  // namespace dn

DN_EXPORT int32_t DNTorch_get_matmul_precision() { return matmul_precision; }

DN_EXPORT int32_t DNTorch_set_matmul_precision(int32_t precision) {
    if (precision != 0 && precision != 1) {
        dn::set_last_error("the matrix-product precision must be 0 (float32) or 1 (bfloat16)");
        return -1;
    }
    matmul_precision = precision;
    return 0;
}
