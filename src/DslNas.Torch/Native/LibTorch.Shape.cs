using System.Runtime.InteropServices;

namespace DslNas.Torch.Native;

internal static partial class LibTorch
{
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_view(TensorHandle t, ReadOnlySpan<long> shape, long ndim);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_reshape(TensorHandle t, ReadOnlySpan<long> shape, long ndim);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_permute(TensorHandle t, ReadOnlySpan<long> order, long ndim);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_transpose(TensorHandle t, long dim0, long dim1);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_contiguous(TensorHandle t);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_expand(TensorHandle t, ReadOnlySpan<long> shape, long ndim);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_unsqueeze(TensorHandle t, long dim);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_squeeze(TensorHandle t, long dim);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_squeeze_all(TensorHandle t);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_flatten(TensorHandle t, long start, long end);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_narrow(TensorHandle t, long dim, long start, long length);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_slice(TensorHandle t, long dim, long start, long end, long step);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_select(TensorHandle t, long dim, long index);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_index_select(TensorHandle t, long dim, TensorHandle index);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_gather(TensorHandle t, long dim, TensorHandle index);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_scatter(TensorHandle t, long dim, TensorHandle index, TensorHandle source);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_masked_fill(TensorHandle t, TensorHandle mask, NativeScalar value);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_where(TensorHandle condition, TensorHandle a, TensorHandle b);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_cat(ReadOnlySpan<IntPtr> tensors, long count, long dim);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_stack(ReadOnlySpan<IntPtr> tensors, long count, long dim);
    [LibraryImport(Shim)] internal static partial int DNTensor_topk(TensorHandle t, long k, long dim, int largest, int sorted, out IntPtr values, out IntPtr indices);
    [LibraryImport(Shim)] internal static partial int DNTensor_sort(TensorHandle t, long dim, int descending, int stable, out IntPtr values, out IntPtr indices);
    [LibraryImport(Shim)] internal static partial IntPtr DNTensor_argsort(TensorHandle t, long dim, int descending);
}
