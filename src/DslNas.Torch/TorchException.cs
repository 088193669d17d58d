using System.Runtime.InteropServices;
using DslNas.Torch.Native;

namespace DslNas.Torch;

/// <summary>
/// An error raised by libtorch: the operation that failed (as this binding names it: matmul, view, cross_entropy, ...)
/// and libtorch's own message. The native call has returned cleanly, so the process and every other tensor go on working.
/// </summary>
public sealed class TorchException : Exception
{
    public TorchException(string operation, string message) : base($"{operation}: {message}")
    {
        Operation = operation;
        NativeMessage = message;
    }

    /// <summary>The binding's name for the operation that failed.</summary>
    public string Operation { get; }

    /// <summary>libtorch's message, without the operation.</summary>
    public string NativeMessage { get; }

    internal static TorchException FromLastError(string operation)
    {
        var pointer = LibTorch.DNTorch_take_last_error();
        if (pointer == IntPtr.Zero) return new TorchException(operation, "libtorch reported an error without a message");
        try
        {
            return new TorchException(operation, Marshal.PtrToStringUTF8(pointer) ?? "libtorch reported an error without a message");
        }
        finally
        {
            LibTorch.DNTorch_free_string(pointer);
        }
    }
}
