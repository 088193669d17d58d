// Element-wise math, comparisons, matrix products and reductions.
#include "shim.h"

#define DN_UNARY(name, expr) \
    DN_EXPORT TensorHandle DNTensor_##name(TensorHandle t) { DN_TENSOR(expr) }
#define DN_BINARY(name, expr) \
    DN_EXPORT TensorHandle DNTensor_##name(TensorHandle a, TensorHandle b) { DN_TENSOR(expr) }
#define DN_BINARY_SCALAR(name, expr) \
    DN_EXPORT TensorHandle DNTensor_##name##_scalar(TensorHandle a, DNScalar s) { auto b = dn::to_scalar(s); DN_TENSOR(expr) }

DN_EXPORT TensorHandle DNTensor_add(TensorHandle a, TensorHandle b, DNScalar alpha) { DN_TENSOR(at::add(*a, *b, dn::to_scalar(alpha))) }
DN_BINARY_SCALAR(add, at::add(*a, b))
DN_EXPORT TensorHandle DNTensor_sub(TensorHandle a, TensorHandle b, DNScalar alpha) { DN_TENSOR(at::sub(*a, *b, dn::to_scalar(alpha))) }
DN_BINARY_SCALAR(sub, at::sub(*a, b))
DN_EXPORT TensorHandle DNTensor_rsub_scalar(TensorHandle a, DNScalar s) { DN_TENSOR(at::rsub(*a, dn::to_scalar(s))) }
DN_BINARY(mul, at::mul(*a, *b))
DN_BINARY_SCALAR(mul, at::mul(*a, b))
DN_BINARY(div, at::div(*a, *b))
DN_BINARY_SCALAR(div, at::div(*a, b))
DN_BINARY(pow, at::pow(*a, *b))
DN_BINARY_SCALAR(pow, at::pow(*a, b))
DN_BINARY(maximum, at::maximum(*a, *b))
DN_BINARY(minimum, at::minimum(*a, *b))

DN_BINARY(eq, at::eq(*a, *b))
DN_BINARY_SCALAR(eq, at::eq(*a, b))
DN_BINARY(ne, at::ne(*a, *b))
DN_BINARY_SCALAR(ne, at::ne(*a, b))
DN_BINARY(lt, at::lt(*a, *b))
DN_BINARY_SCALAR(lt, at::lt(*a, b))
DN_BINARY(le, at::le(*a, *b))
DN_BINARY_SCALAR(le, at::le(*a, b))
DN_BINARY(gt, at::gt(*a, *b))
DN_BINARY_SCALAR(gt, at::gt(*a, b))
DN_BINARY(ge, at::ge(*a, *b))
DN_BINARY_SCALAR(ge, at::ge(*a, b))
DN_BINARY(logical_and, at::logical_and(*a, *b))
DN_BINARY(logical_or, at::logical_or(*a, *b))
DN_UNARY(logical_not, at::logical_not(*t))

DN_UNARY(neg, at::neg(*t))
DN_UNARY(abs, at::abs(*t))
DN_UNARY(exp, at::exp(*t))
DN_UNARY(log, at::log(*t))
DN_UNARY(sqrt, at::sqrt(*t))
DN_UNARY(rsqrt, at::rsqrt(*t))
DN_UNARY(tanh, at::tanh(*t))
DN_UNARY(sigmoid, at::sigmoid(*t))
DN_UNARY(relu, at::relu(*t))
DN_UNARY(ceil, at::ceil(*t))
DN_UNARY(floor, at::floor(*t))

DN_EXPORT TensorHandle DNTensor_gelu(TensorHandle t, int32_t tanh_approximation) {
    DN_TENSOR(at::gelu(*t, tanh_approximation ? "tanh" : "none"))
}

DN_EXPORT TensorHandle DNTensor_clamp(TensorHandle t, DNScalar low, int32_t has_low, DNScalar high, int32_t has_high) {
    DN_TRY
    c10::optional<at::Scalar> min = has_low ? c10::optional<at::Scalar>(dn::to_scalar(low)) : c10::nullopt;
    c10::optional<at::Scalar> max = has_high ? c10::optional<at::Scalar>(dn::to_scalar(high)) : c10::nullopt;
    return dn::own(at::clamp(*t, min, max));
    DN_CATCH(nullptr)
}

DN_EXPORT int32_t DNTensor_add_(TensorHandle a, TensorHandle b, DNScalar alpha) { DN_STATUS(a->add_(*b, dn::to_scalar(alpha))) }
DN_EXPORT int32_t DNTensor_mul_scalar_(TensorHandle a, DNScalar s) { DN_STATUS(a->mul_(dn::to_scalar(s))) }

DN_BINARY(matmul, dn::matmul(*a, *b))
DN_BINARY(bmm, dn::bfloat16_products(*a, *b) ? at::bmm(dn::bf16(*a), dn::bf16(*b)).to(at::kFloat) : at::bmm(*a, *b))

DN_EXPORT TensorHandle DNTensor_sum(TensorHandle t) { DN_TENSOR(t->sum()) }
DN_EXPORT TensorHandle DNTensor_sum_dims(TensorHandle t, const int64_t* dims, int64_t count, int32_t keepdim) {
    DN_TENSOR(t->sum(dn::dims(dims, count), keepdim != 0))
}
DN_EXPORT TensorHandle DNTensor_mean(TensorHandle t) { DN_TENSOR(t->mean()) }
DN_EXPORT TensorHandle DNTensor_mean_dims(TensorHandle t, const int64_t* dims, int64_t count, int32_t keepdim) {
    DN_TENSOR(t->mean(dn::dims(dims, count), keepdim != 0))
}
DN_EXPORT TensorHandle DNTensor_max(TensorHandle t) { DN_TENSOR(t->max()) }
DN_EXPORT TensorHandle DNTensor_min(TensorHandle t) { DN_TENSOR(t->min()) }
DN_EXPORT int32_t DNTensor_max_dim(TensorHandle t, int64_t dim, int32_t keepdim, TensorHandle* values, TensorHandle* indices) {
    DN_STATUS({
        auto result = t->max(dim, keepdim != 0);
        *values = dn::own(std::get<0>(result));
        *indices = dn::own(std::get<1>(result));
    })
}
DN_EXPORT TensorHandle DNTensor_argmax(TensorHandle t, int64_t dim, int32_t has_dim, int32_t keepdim) {
    DN_TENSOR(has_dim ? t->argmax(dim, keepdim != 0) : t->argmax())
}
DN_EXPORT TensorHandle DNTensor_cumsum(TensorHandle t, int64_t dim) { DN_TENSOR(t->cumsum(dim)) }
DN_EXPORT TensorHandle DNTensor_all(TensorHandle t) { DN_TENSOR(t->all()) }
DN_EXPORT TensorHandle DNTensor_any(TensorHandle t) { DN_TENSOR(t->any()) }
DN_EXPORT TensorHandle DNTensor_allclose(TensorHandle a, TensorHandle b, double rtol, double atol) {
    DN_TENSOR(at::scalar_tensor(at::allclose(*a, *b, rtol, atol), at::kBool))
}
