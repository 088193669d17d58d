// Transformer blocks as one call each: the feed-forward block and multi-head self-attention (without dropout, for
// inference). They compute what the composed operations compute with the thread's matrix-product precision. Under
// bfloat16 products with no gradient recorded, the activations between two products stay bfloat16, as each would be
// rounded to bfloat16 before its next product anyway: the results are the same, without the casts to float32 and back.
#include "shim.h"

#include <cmath>

namespace {

bool low_precision_inference(const at::Tensor& x, const at::Tensor& weight) {
    return dn::bfloat16_products(x, weight) && !c10::GradMode::is_enabled();
}

}  // namespace

// linear(gelu(linear(x, w1, b1)), w2, b2).
DN_EXPORT TensorHandle DNNN_feed_forward(TensorHandle x, TensorHandle w1, TensorHandle b1, TensorHandle w2, TensorHandle b2) {
    DN_TRY
    if (!low_precision_inference(*x, *w1)) {
        return dn::own(dn::linear(at::gelu(dn::linear(*x, *w1, dn::optional(b1))), *w2, dn::optional(b2)));
    }
    auto inner = at::gelu(dn::low_linear(*x, *w1, dn::optional(b1)));
    return dn::own(dn::low_linear(inner, *w2, dn::optional(b2)).to(at::kFloat));
    DN_CATCH(nullptr)
}

// Self-attention of x [batch, seq, in] with heads of head_size features: softmax(q·kᵀ/√head_size + mask)·v through
// the output projection; mask (optional) is additive and broadcasts to [batch, heads, seq, seq].
DN_EXPORT TensorHandle DNNN_self_attention(TensorHandle x, TensorHandle mask, TensorHandle wq, TensorHandle bq, TensorHandle wk, TensorHandle bk,
                                           TensorHandle wv, TensorHandle bv, TensorHandle wo, TensorHandle bo, int64_t heads, int64_t head_size) {
    DN_TRY
    const auto batch = x->size(0);
    const auto length = x->size(1);
    const auto projection = heads * head_size;
    const auto scale = 1.0 / std::sqrt(static_cast<double>(head_size));
    if (!low_precision_inference(*x, *wq)) {
        auto split = [&](TensorHandle w, TensorHandle b) {
            return dn::linear(*x, *w, dn::optional(b)).view({batch, length, heads, head_size}).transpose(1, 2);
        };
        auto scores = dn::matmul(split(wq, bq), split(wk, bk).transpose(-1, -2)).mul(scale);
        if (mask != nullptr) scores = scores.add(*mask);
        auto context = dn::matmul(scores.softmax(-1), split(wv, bv)).transpose(1, 2).reshape({batch, length, projection});
        return dn::own(dn::linear(context, *wo, dn::optional(bo)));
    }
    auto low = dn::bf16(*x);
    auto split = [&](TensorHandle w, TensorHandle b) {
        return dn::low_linear(low, *w, dn::optional(b)).view({batch, length, heads, head_size}).transpose(1, 2);
    };
    auto scores = at::matmul(split(wq, bq), split(wk, bk).transpose(-1, -2)).to(at::kFloat).mul(scale);
    if (mask != nullptr) scores = scores.add(*mask);
    auto context = at::matmul(dn::bf16(scores.softmax(-1)), split(wv, bv)).transpose(1, 2).reshape({batch, length, projection});
    return dn::own(dn::low_linear(context, *wo, dn::optional(bo)).to(at::kFloat));
    DN_CATCH(nullptr)
}
