using DslNas.Torch.Native;

namespace DslNas.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Stateless layers and losses, as torch.nn.functional.</summary>
        public static class functional
        {
            /// <summary>input @ weightᵀ + bias, with weight shaped [out, in].</summary>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null)
            {
                var result = new Tensor(LibTorch.DNNN_linear(input.Handle, weight.Handle, Tensor.OptionalPointer(bias)));
                GC.KeepAlive(bias);
                return result;
            }

            /// <summary>
            /// linear(gelu(linear(x, w1, b1)), w2, b2) in one call. Under bfloat16 products with no gradient recorded the
            /// inner activations stay bfloat16, which gives the composed result without casting them to float32 and back.
            /// </summary>
            public static Tensor feed_forward(Tensor x, Tensor w1, Tensor? b1, Tensor w2, Tensor? b2)
            {
                var result = new Tensor(LibTorch.DNNN_feed_forward(x.Handle, w1.Handle, Tensor.OptionalPointer(b1), w2.Handle, Tensor.OptionalPointer(b2)));
                GC.KeepAlive(b1);
                GC.KeepAlive(b2);
                return result;
            }

            /// <summary>
            /// Multi-head self-attention of x [batch, seq, in] without dropout, in one call: the query, key and value
            /// projections viewed as <paramref name="heads"/> heads of <paramref name="headSize"/> features,
            /// softmax(q·kᵀ/√headSize + additiveMask)·v, and the output projection. Under bfloat16 products with no
            /// gradient recorded the activations between products stay bfloat16, as in <see cref="feed_forward"/>.
            /// </summary>
            public static Tensor self_attention(Tensor x, Tensor? additiveMask, Tensor wq, Tensor? bq, Tensor wk, Tensor? bk, Tensor wv, Tensor? bv,
                Tensor wo, Tensor? bo, long heads, long headSize)
            {
                var result = new Tensor(LibTorch.DNNN_self_attention(x.Handle, Tensor.OptionalPointer(additiveMask), wq.Handle, Tensor.OptionalPointer(bq),
                    wk.Handle, Tensor.OptionalPointer(bk), wv.Handle, Tensor.OptionalPointer(bv), wo.Handle, Tensor.OptionalPointer(bo), heads, headSize));
                GC.KeepAlive(additiveMask);
                GC.KeepAlive(bq);
                GC.KeepAlive(bk);
                GC.KeepAlive(bv);
                GC.KeepAlive(bo);
                return result;
            }

            /// <summary>1-d convolution over [batch, channels, length]; groups = channels gives a depthwise convolution.</summary>
            public static Tensor conv1d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1)
            {
                var result = new Tensor(LibTorch.DNNN_conv1d(input.Handle, weight.Handle, Tensor.OptionalPointer(bias), stride, padding, dilation, groups));
                GC.KeepAlive(bias);
                return result;
            }

            public static Tensor embedding(Tensor indices, Tensor weight, long padding_idx = -1) =>
                new(LibTorch.DNNN_embedding(weight.Handle, indices.Handle, padding_idx));

            public static Tensor softmax(Tensor input, long dim) => input.softmax(dim);

            public static Tensor log_softmax(Tensor input, long dim) => input.log_softmax(dim);

            public static Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                var result = new Tensor(LibTorch.DNNN_layer_norm(input.Handle, normalized_shape, normalized_shape.Length,
                    Tensor.OptionalPointer(weight), Tensor.OptionalPointer(bias), eps));
                GC.KeepAlive(weight);
                GC.KeepAlive(bias);
                return result;
            }

            public static Tensor gelu(Tensor input, bool tanh_approximation = false) => input.gelu(tanh_approximation);

            public static Tensor relu(Tensor input) => input.relu();

            public static Tensor tanh(Tensor input) => input.tanh();

            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true)
            {
                if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "the dropout probability must lie in [0, 1]");
                return new(LibTorch.DNNN_dropout(input.Handle, p, training ? 1 : 0));
            }

            /// <summary>Cross entropy of unnormalized logits [N, C] (or [N, C, d...]) against class indices.</summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100,
                Reduction reduction = Reduction.Mean, double label_smoothing = 0)
            {
                var result = new Tensor(LibTorch.DNNN_cross_entropy(input.Handle, target.Handle, Tensor.OptionalPointer(weight),
                    NativeReduction(reduction), ignore_index, label_smoothing));
                GC.KeepAlive(weight);
                return result;
            }

            /// <summary>KL(target ‖ input) where input holds log-probabilities (and target too when log_target).</summary>
            public static Tensor kl_div(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, bool log_target = false)
            {
                if (reduction != Reduction.BatchMean)
                    return new(LibTorch.DNNN_kl_div(input.Handle, target.Handle, (long)reduction, log_target ? 1 : 0));
                using var sum = new Tensor(LibTorch.DNNN_kl_div(input.Handle, target.Handle, (long)Reduction.Sum, log_target ? 1 : 0));
                return sum.div(input.ndim == 0 ? 1 : input.size(0));
            }

            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                new(LibTorch.DNNN_mse_loss(input.Handle, target.Handle, NativeReduction(reduction)));

            private static long NativeReduction(Reduction reduction) => reduction != Reduction.BatchMean
                ? (long)reduction
                : throw new ArgumentException("batch-mean reduction applies to kl_div only", nameof(reduction));
        }
    }
}
