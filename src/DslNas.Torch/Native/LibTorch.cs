using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DslNas.Torch.Native;

/// <summary>Imports of the C shim (src/DslNas.Torch/shim). Returned handles are fresh and owned by the caller.</summary>
internal static partial class LibTorch
{
    private const string Shim = NativeLibraryResolver.ShimName;

    // Runs before the first import is bound, so the shim is found next to this assembly.
    static LibTorch() => NativeLibraryResolver.Register();

    /// <summary>Throws the pending libtorch error, named after the calling operation, when a handle-returning export returned null.</summary>
    internal static IntPtr Check(IntPtr handle, [CallerMemberName] string operation = "") =>
        handle != IntPtr.Zero ? handle : throw TorchException.FromLastError(operation);

    /// <summary>Throws the pending libtorch error, named after the calling operation, when a status-returning export returned -1.</summary>
    internal static void Check(int status, [CallerMemberName] string operation = "")
    {
        if (status < 0) throw TorchException.FromLastError(operation);
    }

    [LibraryImport(Shim)] internal static partial IntPtr DNTorch_take_last_error();
    [LibraryImport(Shim)] internal static partial void DNTorch_free_string(IntPtr message);
    [LibraryImport(Shim)] internal static partial int DNTorch_set_num_threads(int threads);
    [LibraryImport(Shim)] internal static partial int DNTorch_get_num_threads();
    [LibraryImport(Shim)] internal static partial int DNTorch_manual_seed(long seed);
    [LibraryImport(Shim)] internal static partial long DNTorch_rng_state_size();
    [LibraryImport(Shim)] internal static partial int DNTorch_get_rng_state(Span<byte> state, long size);
    [LibraryImport(Shim)] internal static partial int DNTorch_set_rng_state(ReadOnlySpan<byte> state, long size);
    [LibraryImport(Shim)] internal static partial int DNTorch_is_grad_enabled();
    [LibraryImport(Shim)] internal static partial void DNTorch_set_grad_enabled(int enabled);
    [LibraryImport(Shim)] internal static partial int DNTorch_get_matmul_precision();
    [LibraryImport(Shim)] internal static partial int DNTorch_set_matmul_precision(int precision);

    [LibraryImport(Shim)] internal static partial void DNTensor_dispose(IntPtr tensor);
    [LibraryImport(Shim)] internal static partial long DNTensor_ndim(TensorHandle tensor);
    [LibraryImport(Shim)] internal static partial int DNTensor_sizes(TensorHandle tensor, Span<long> sizes);
    [LibraryImport(Shim)] internal static partial long DNTensor_numel(TensorHandle tensor);
    [LibraryImport(Shim)] internal static partial int DNTensor_dtype(TensorHandle tensor);
    [LibraryImport(Shim)] internal static partial int DNTensor_requires_grad(TensorHandle tensor);
    [LibraryImport(Shim)] internal static partial int DNTensor_set_requires_grad(TensorHandle tensor, int requires);
    [LibraryImport(Shim)] internal static partial int DNTensor_grad(TensorHandle tensor, out IntPtr grad);
    [LibraryImport(Shim)] internal static partial int DNTensor_clear_grad(TensorHandle tensor);
    [LibraryImport(Shim)] internal static partial int DNTensor_backward(TensorHandle tensor, IntPtr gradient, int retainGraph);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_detach(TensorHandle tensor);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_alias(TensorHandle tensor);
}
