using System.Runtime.InteropServices;
using DslNas.Torch.Native;

namespace DslNas.Torch;

/// <summary>An error raised by libtorch, carrying libtorch's own message.</summary>
public sealed class TorchException(string message) : Exception(message)
{
    internal static TorchException FromLastError()
    {
        var pointer = LibTorch.DNTorch_take_last_error();
        if (pointer == IntPtr.Zero) return new TorchException("libtorch reported an error without a message");
        try
        {
            return new TorchException(Marshal.PtrToStringUTF8(pointer) ?? "libtorch reported an error without a message");
        }
        finally
        {
            LibTorch.DNTorch_free_string(pointer);
        }
    }
}
