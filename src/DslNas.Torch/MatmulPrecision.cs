namespace DslNas.Torch;

/// <summary>
/// The precision of float32 matrix products (linear, matmul, bmm) on a thread, as PyTorch's
/// <c>torch.set_float32_matmul_precision</c> sets it: exact float32, or bfloat16 operands with float32 results. In
/// bfloat16 every other operation (norms, softmax, activations, losses, the optimizer) stays in float32, and so do the
/// products' outputs and the gradients of float32 weights.
/// </summary>
public enum MatmulPrecision
{
    Float32,
    BFloat16,
}
