using System.Runtime.InteropServices;

namespace DslNas.Torch.Native;

internal static partial class LibTorch
{
    [LibraryImport(Shim)] internal static partial IntPtr DNNN_linear(TensorHandle input, TensorHandle weight, IntPtr bias);
    [LibraryImport(Shim)] internal static partial IntPtr DNNN_feed_forward(TensorHandle x, TensorHandle w1, IntPtr b1, TensorHandle w2, IntPtr b2);
    [LibraryImport(Shim)] internal static partial IntPtr DNNN_self_attention(TensorHandle x, IntPtr mask, TensorHandle wq, IntPtr bq, TensorHandle wk, IntPtr bk,
        TensorHandle wv, IntPtr bv, TensorHandle wo, IntPtr bo, long heads, long headSize);
    [LibraryImport(Shim)] internal static partial IntPtr DNNN_conv1d(TensorHandle input, TensorHandle weight, IntPtr bias, long stride, long padding, long dilation, long groups);
    [LibraryImport(Shim)] internal static partial IntPtr DNNN_embedding(TensorHandle weight, TensorHandle indices, long paddingIdx);
    [LibraryImport(Shim)] internal static partial IntPtr DNNN_softmax(TensorHandle t, long dim);
    [LibraryImport(Shim)] internal static partial IntPtr DNNN_log_softmax(TensorHandle t, long dim);
    [LibraryImport(Shim)] internal static partial IntPtr DNNN_layer_norm(TensorHandle input, ReadOnlySpan<long> shape, long ndim, IntPtr weight, IntPtr bias, double eps);
    [LibraryImport(Shim)] internal static partial IntPtr DNNN_dropout(TensorHandle input, double p, int train);
    [LibraryImport(Shim)] internal static partial IntPtr DNNN_cross_entropy(TensorHandle input, TensorHandle target, IntPtr weight, long reduction, long ignoreIndex, double labelSmoothing);
    [LibraryImport(Shim)] internal static partial IntPtr DNNN_kl_div(TensorHandle input, TensorHandle target, long reduction, int logTarget);
    [LibraryImport(Shim)] internal static partial IntPtr DNNN_mse_loss(TensorHandle input, TensorHandle target, long reduction);

    [LibraryImport(Shim)] internal static partial int DNOptim_adamw_step(ReadOnlySpan<IntPtr> parameters, ReadOnlySpan<IntPtr> expAvgs, ReadOnlySpan<IntPtr> expAvgSqs, Span<long> steps, long count, double lr, double beta1, double beta2, double eps, double weightDecay);
    [LibraryImport(Shim)] internal static partial int DNOptim_sgd_step(ReadOnlySpan<IntPtr> parameters, ReadOnlySpan<IntPtr> buffers, Span<int> initialized, long count, double lr, double momentum, double dampening, double weightDecay, int nesterov);
    [LibraryImport(Shim)] internal static partial double DNOptim_clip_grad_norm(ReadOnlySpan<IntPtr> parameters, long count, double maxNorm);
    [LibraryImport(Shim)] internal static partial int DNOptim_zero_grad(ReadOnlySpan<IntPtr> parameters, long count);
}
