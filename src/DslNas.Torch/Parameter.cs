using DslNas.Torch.Native;

namespace DslNas.Torch;

/// <summary>A trainable leaf tensor. It shares storage with the data it was made from and belongs to no dispose scope.</summary>
public sealed class Parameter : Tensor
{
    public Parameter(Tensor data, bool requires_grad = true)
        : base(new TensorHandle(LibTorch.Check(LibTorch.DNTensor_detach(data.Handle), "detach")), joinScope: false)
    {
        this.requires_grad = requires_grad;
    }
}
