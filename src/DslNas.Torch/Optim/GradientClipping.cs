using DslNas.Torch.Native;

namespace DslNas.Torch.Optim;

public static class GradientClipping
{
    /// <summary>
    /// Scales all gradients together so that their joint 2-norm is at most <paramref name="maxNorm"/>, as
    /// torch.nn.utils.clip_grad_norm_. Returns the norm before clipping.
    /// </summary>
    public static double ClipGradNorm(IReadOnlyList<Parameter> parameters, double maxNorm)
    {
        if (maxNorm <= 0) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "the maximum norm must be positive");
        using var handles = new HandleArray(parameters);
        var norm = LibTorch.DNOptim_clip_grad_norm(handles.Pointers, handles.Pointers.Length, maxNorm);
        return norm >= 0 ? norm : throw TorchException.FromLastError(nameof(ClipGradNorm));
    }
}
