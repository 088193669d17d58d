using DslNas.Torch.Native;

namespace DslNas.Torch;

public partial class Tensor
{
    public bool requires_grad
    {
        get
        {
            var value = LibTorch.DNTensor_requires_grad(Handle);
            return value >= 0 ? value != 0 : throw TorchException.FromLastError(nameof(requires_grad));
        }
        set => LibTorch.Check(LibTorch.DNTensor_set_requires_grad(Handle, value ? 1 : 0));
    }

    public Tensor requires_grad_(bool requires = true)
    {
        requires_grad = requires;
        return this;
    }

    /// <summary>The accumulated gradient, or null before any backward pass reached this tensor.</summary>
    public Tensor? grad
    {
        get
        {
            LibTorch.Check(LibTorch.DNTensor_grad(Handle, out var gradient));
            return gradient == IntPtr.Zero ? null : new Tensor(gradient);
        }
    }

    /// <summary>Drops the gradient (as zero_grad with set_to_none).</summary>
    public void clear_grad() => LibTorch.Check(LibTorch.DNTensor_clear_grad(Handle));

    public void backward(Tensor? gradient = null, bool retain_graph = false)
    {
        LibTorch.Check(LibTorch.DNTensor_backward(Handle, OptionalPointer(gradient), retain_graph ? 1 : 0));
        GC.KeepAlive(gradient);
    }

    public Tensor detach() => new(LibTorch.DNTensor_detach(Handle));
}
