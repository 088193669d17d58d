using System.Runtime.InteropServices;

namespace DslNas.Torch.Native;

internal static partial class LibTorch
{
    [LibraryImport(Shim, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr DNDist_init(string host, int port, int rank, int worldSize, long timeoutMs);
    [LibraryImport(Shim)] internal static partial void DNDist_dispose(IntPtr group);
    [LibraryImport(Shim)] internal static partial int DNDist_allreduce_(ProcessGroupHandle group, ReadOnlySpan<IntPtr> tensors, long count, int op);
    [LibraryImport(Shim)] internal static partial int DNDist_allreduce_flat_(ProcessGroupHandle group, ReadOnlySpan<IntPtr> tensors, long count, double divisor);
    [LibraryImport(Shim)] internal static partial int DNDist_broadcast_(ProcessGroupHandle group, ReadOnlySpan<IntPtr> tensors, long count, int root);
    [LibraryImport(Shim)] internal static partial int DNDist_barrier(ProcessGroupHandle group);
    [LibraryImport(Shim)] internal static partial IntPtr DNDist_allgather(ProcessGroupHandle group, TensorHandle input);
    [LibraryImport(Shim, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int DNDist_store_set(ProcessGroupHandle group, string key, ReadOnlySpan<byte> value, long length);
    [LibraryImport(Shim, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial long DNDist_store_get(ProcessGroupHandle group, string key, out IntPtr value);
    [LibraryImport(Shim)] internal static partial void DNDist_free_bytes(IntPtr value);
    [LibraryImport(Shim, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int DNDist_store_wait(ProcessGroupHandle group, string key, long timeoutMs);
}
