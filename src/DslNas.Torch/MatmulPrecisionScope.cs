using DslNas.Torch.Native;

namespace DslNas.Torch;

/// <summary>Sets this thread's <see cref="MatmulPrecision"/> and restores the previous one on dispose.</summary>
public sealed class MatmulPrecisionScope : IDisposable
{
    private readonly MatmulPrecision previous;
    private bool disposed;

    internal MatmulPrecisionScope(MatmulPrecision precision)
    {
        previous = torch.get_matmul_precision();
        LibTorch.Check(LibTorch.DNTorch_set_matmul_precision((int)precision));
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        LibTorch.Check(LibTorch.DNTorch_set_matmul_precision((int)previous));
    }
}
