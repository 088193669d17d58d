using System.Runtime.InteropServices;

namespace DslNas.Torch.Native;

/// <summary>Owns one native process group (its TCPStore and its Gloo group); released exactly once.</summary>
internal sealed class ProcessGroupHandle : SafeHandle
{
    internal ProcessGroupHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        LibTorch.DNDist_dispose(handle);
        return true;
    }
}
