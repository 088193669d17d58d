namespace DslNas.Torch.Native;

/// <summary>
/// Raw pointers of several tensors for one native call that takes an array of handles; keeps each
/// handle referenced (so none is released mid-call) until disposed.
/// </summary>
internal readonly struct HandleArray : IDisposable
{
    private readonly TensorHandle[] handles;

    internal HandleArray(IReadOnlyList<Tensor> tensors)
    {
        handles = new TensorHandle[tensors.Count];
        Pointers = new IntPtr[tensors.Count];
        try
        {
            for (var i = 0; i < tensors.Count; i++)
            {
                var handle = tensors[i].Handle;
                var added = false;
                handle.DangerousAddRef(ref added);
                handles[i] = handle;
                Pointers[i] = handle.DangerousGetHandle();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    internal IntPtr[] Pointers { get; }

    public void Dispose()
    {
        foreach (var handle in handles) handle?.DangerousRelease();
    }
}
