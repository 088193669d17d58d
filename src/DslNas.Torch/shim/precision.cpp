// The precision of float32 matrix products: exact float32, or bfloat16 operands with float32 results.
#include "shim.h"

#include <deque>

namespace {
thread_local int32_t matmul_precision = 0;  // 0 = float32, 1 = bfloat16
}

namespace dn {

bool bfloat16_products(const at::Tensor& a, const at::Tensor& b) {
    return matmul_precision == 1 && a.scalar_type() == at::kFloat && b.scalar_type() == at::kFloat;
}

namespace {

struct CastWeight {
    at::Tensor source;
    at::Tensor copy;
    int64_t version;
};

constexpr size_t kCastWeights = 64;
thread_local std::deque<CastWeight> cast_weights;  // most recently used first

bool same_weight(const CastWeight& cached, const at::Tensor& weight) {
    const auto& source = cached.source;
    return source.storage().is_alias_of(weight.storage()) && source.data_ptr() == weight.data_ptr() &&
           source.sizes() == weight.sizes() && source.strides() == weight.strides() && weight._version() == cached.version;
}

}  // namespace

at::Tensor bf16_weight(const at::Tensor& weight) {
    if (c10::GradMode::is_enabled() && weight.requires_grad()) return bf16(weight);
    for (auto it = cast_weights.begin(); it != cast_weights.end(); ++it) {
        if (!same_weight(*it, weight)) continue;
        auto hit = *it;
        cast_weights.erase(it);
        cast_weights.push_front(hit);
        return hit.copy;
    }
    // The source is held, so its storage cannot be freed and reused by another tensor while the copy is kept.
    cast_weights.push_front({weight, bf16(weight), weight._version()});
    if (cast_weights.size() > kCastWeights) cast_weights.pop_back();
    return cast_weights.front().copy;
}

at::Tensor linear(const at::Tensor& input, const at::Tensor& weight, const c10::optional<at::Tensor>& bias) {
    if (!bfloat16_products(input, weight)) return at::linear(input, weight, bias);
    c10::optional<at::Tensor> low_bias = bias.has_value() ? c10::optional<at::Tensor>(bf16_weight(*bias)) : c10::nullopt;
    return at::linear(bf16(input), bf16_weight(weight), low_bias).to(at::kFloat);
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
