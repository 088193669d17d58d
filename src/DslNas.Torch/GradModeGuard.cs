using DslNas.Torch.Native;

namespace DslNas.Torch;

/// <summary>Sets libtorch's thread-local grad mode and restores the previous mode on dispose.</summary>
public sealed class GradModeGuard : IDisposable
{
    private readonly bool previous;
    private bool disposed;

    internal GradModeGuard(bool enabled)
    {
        previous = LibTorch.DNTorch_is_grad_enabled() != 0;
        LibTorch.DNTorch_set_grad_enabled(enabled ? 1 : 0);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        LibTorch.DNTorch_set_grad_enabled(previous ? 1 : 0);
    }
}
