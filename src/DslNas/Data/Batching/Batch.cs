using DslNas.Torch;

namespace DslNas.Data.Batching;

/// <summary>Padded ids [batch, length], the keep-mask (1 = token, 0 = padding) and the labels [batch].</summary>
public sealed class Batch(Tensor ids, Tensor keepMask, Tensor labels) : IDisposable
{
    public Tensor Ids { get; } = ids;
    public Tensor KeepMask { get; } = keepMask;
    public Tensor Labels { get; } = labels;
    public int Size => (int)Ids.size(0);

    public void Dispose()
    {
        Ids.Dispose();
        KeepMask.Dispose();
        Labels.Dispose();
    }
}
