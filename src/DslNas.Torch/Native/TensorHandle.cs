using System.Runtime.InteropServices;

namespace DslNas.Torch.Native;

/// <summary>Owns one native <c>at::Tensor*</c>; released exactly once, never during a P/Invoke.</summary>
internal sealed class TensorHandle : SafeHandle
{
    private static long live;

    internal TensorHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(handle);
        Interlocked.Increment(ref live);
    }

    /// <summary>Native tensors created through this binding and not yet released.</summary>
    internal static long Live => Interlocked.Read(ref live);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        LibTorch.DNTensor_dispose(handle);
        Interlocked.Decrement(ref live);
        return true;
    }
}
