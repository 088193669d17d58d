using DslNas.Torch.Native;

namespace DslNas.Torch;

public partial class Tensor
{
    public Tensor view(params long[] shape) => new(LibTorch.DNTensor_view(Handle, shape, shape.Length));

    public Tensor reshape(params long[] shape) => new(LibTorch.DNTensor_reshape(Handle, shape, shape.Length));

    public Tensor permute(params long[] order) => new(LibTorch.DNTensor_permute(Handle, order, order.Length));

    public Tensor transpose(long dim0, long dim1) => new(LibTorch.DNTensor_transpose(Handle, dim0, dim1));

    public Tensor contiguous() => new(LibTorch.DNTensor_contiguous(Handle));

    public Tensor expand(params long[] shape) => new(LibTorch.DNTensor_expand(Handle, shape, shape.Length));

    public Tensor unsqueeze(long dim) => new(LibTorch.DNTensor_unsqueeze(Handle, dim));

    /// <summary>Removes dimension <paramref name="dim"/> if it has size 1, or every size-1 dimension when null.</summary>
    public Tensor squeeze(long? dim = null) =>
        new(dim is { } d ? LibTorch.DNTensor_squeeze(Handle, d) : LibTorch.DNTensor_squeeze_all(Handle));

    public Tensor flatten(long start_dim = 0, long end_dim = -1) => new(LibTorch.DNTensor_flatten(Handle, start_dim, end_dim));

    public Tensor narrow(long dim, long start, long length) => new(LibTorch.DNTensor_narrow(Handle, dim, start, length));

    public Tensor slice(long dim, long start, long end, long step = 1) => new(LibTorch.DNTensor_slice(Handle, dim, start, end, step));

    public Tensor select(long dim, long index) => new(LibTorch.DNTensor_select(Handle, dim, index));

    /// <summary>The sub-tensor at the given leading indices, as tensor[i, j] in PyTorch.</summary>
    public Tensor this[params long[] indices]
    {
        get
        {
            if (indices.Length == 0) throw new ArgumentException("give at least one index", nameof(indices));
            using var scope = torch.NewDisposeScope();
            var result = this;
            foreach (var index in indices) result = result.select(0, index);
            return result.MoveToOuterDisposeScope();
        }
    }

    public Tensor index_select(long dim, Tensor index) => new(LibTorch.DNTensor_index_select(Handle, dim, index.Handle));

    public Tensor gather(long dim, Tensor index) => new(LibTorch.DNTensor_gather(Handle, dim, index.Handle));

    public Tensor scatter(long dim, Tensor index, Tensor source) => new(LibTorch.DNTensor_scatter(Handle, dim, index.Handle, source.Handle));

    public Tensor masked_fill(Tensor mask, Scalar value) => new(LibTorch.DNTensor_masked_fill(Handle, mask.Handle, value.Native));

    public (Tensor values, Tensor indices) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        LibTorch.Check(LibTorch.DNTensor_topk(Handle, k, dim, largest ? 1 : 0, sorted ? 1 : 0, out var values, out var indices));
        return (new Tensor(values), new Tensor(indices));
    }

    public (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false, bool stable = false)
    {
        LibTorch.Check(LibTorch.DNTensor_sort(Handle, dim, descending ? 1 : 0, stable ? 1 : 0, out var values, out var indices));
        return (new Tensor(values), new Tensor(indices));
    }

    public Tensor argsort(long dim = -1, bool descending = false) => new(LibTorch.DNTensor_argsort(Handle, dim, descending ? 1 : 0));
}
