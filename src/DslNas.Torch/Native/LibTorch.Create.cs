using System.Runtime.InteropServices;

namespace DslNas.Torch.Native;

internal static partial class LibTorch
{
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_zeros(ReadOnlySpan<long> shape, long ndim, int dtype, int requiresGrad);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_ones(ReadOnlySpan<long> shape, long ndim, int dtype, int requiresGrad);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_full(ReadOnlySpan<long> shape, long ndim, NativeScalar value, int dtype, int requiresGrad);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_empty(ReadOnlySpan<long> shape, long ndim, int dtype, int requiresGrad);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_arange(NativeScalar start, NativeScalar end, NativeScalar step, int dtype, int requiresGrad);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_rand(ReadOnlySpan<long> shape, long ndim, int dtype, int requiresGrad);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_randn(ReadOnlySpan<long> shape, long ndim, int dtype, int requiresGrad);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_randint(long low, long high, ReadOnlySpan<long> shape, long ndim, int dtype);
    [LibraryImport(Shim)] internal static unsafe partial IntPtr DNTensor_from_data(void* data, ReadOnlySpan<long> shape, long ndim, int dtype, int requiresGrad);
    [LibraryImport(Shim)] internal static unsafe partial int DNTensor_copy_to(TensorHandle tensor, void* destination, long bytes);
    [LibraryImport(Shim)] internal static unsafe partial int DNTensor_copy_from(TensorHandle tensor, void* source, long bytes);
    [LibraryImport(Shim)] internal static partial int DNTensor_item(TensorHandle tensor, out NativeScalar value);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_to_dtype(TensorHandle tensor, int dtype);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_clone(TensorHandle tensor);
    [LibraryImport(Shim)] internal static partial int DNTensor_copy_(TensorHandle tensor, TensorHandle source);
    [LibraryImport(Shim)] internal static partial int DNTensor_fill_(TensorHandle tensor, NativeScalar value);
    [LibraryImport(Shim)] internal static partial int DNTensor_zero_(TensorHandle tensor);
    [LibraryImport(Shim)] internal static partial int DNTensor_normal_(TensorHandle tensor, double mean, double std);
    [LibraryImport(Shim)] internal static partial int DNTensor_uniform_(TensorHandle tensor, double low, double high);
}
