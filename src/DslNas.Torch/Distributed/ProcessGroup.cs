using System.Runtime.InteropServices;
using DslNas.Torch.Native;

namespace DslNas.Torch.Distributed;

/// <summary>
/// A c10d process group over Gloo (CPU tensors), joined through a TCPStore rendezvous that rank 0 serves at
/// host:port, as torch.distributed.init_process_group("gloo", "tcp://host:port", rank, world_size, timeout). Every
/// rank calls the same collectives in the same order; each blocks until all ranks took part or the timeout passed. A
/// failure (a rank that left, a timeout, a port in use) is a <see cref="TorchException"/> whose message starts with
/// the operation's name. Not for concurrent use from several threads.
/// </summary>
public sealed class ProcessGroup : IDisposable
{
    private readonly ProcessGroupHandle handle;

    private ProcessGroup(ProcessGroupHandle handle, int rank, int worldSize, TimeSpan timeout)
    {
        this.handle = handle;
        Rank = rank;
        WorldSize = worldSize;
        Timeout = timeout;
    }

    public int Rank { get; }
    public int WorldSize { get; }
    public TimeSpan Timeout { get; }

    /// <summary>Joins the group; returns once all <paramref name="worldSize"/> ranks have joined, or throws after <paramref name="timeout"/>.</summary>
    public static ProcessGroup Init(string host, int port, int rank, int worldSize, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "the timeout must be positive");
        var pointer = LibTorch.DNDist_init(host, port, rank, worldSize, (long)timeout.TotalMilliseconds);
        return new ProcessGroup(new ProcessGroupHandle(LibTorch.Check(pointer, "init_process_group")), rank, worldSize, timeout);
    }

    /// <summary>Combines the tensors across ranks, in place.</summary>
    public void AllReduce(IReadOnlyList<Tensor> tensors, ReduceOp op = ReduceOp.Sum)
    {
        using var array = new HandleArray(tensors);
        LibTorch.Check(LibTorch.DNDist_allreduce_(handle, array.Pointers, tensors.Count, (int)op), "all_reduce");
    }

    /// <summary>
    /// Sums the tensors across ranks through one flat buffer (a bucket: one collective for many small tensors) and
    /// divides the sums by <paramref name="divisor"/>, in place.
    /// </summary>
    public void AllReduceFlat(IReadOnlyList<Tensor> tensors, double divisor = 1)
    {
        if (tensors.Count == 0) return;
        using var array = new HandleArray(tensors);
        LibTorch.Check(LibTorch.DNDist_allreduce_flat_(handle, array.Pointers, tensors.Count, divisor), "all_reduce");
    }

    /// <summary>Overwrites the tensors on every rank with <paramref name="root"/>'s.</summary>
    public void Broadcast(IReadOnlyList<Tensor> tensors, int root = 0)
    {
        using var array = new HandleArray(tensors);
        LibTorch.Check(LibTorch.DNDist_broadcast_(handle, array.Pointers, tensors.Count, root), "broadcast");
    }

    public void Barrier() => LibTorch.Check(LibTorch.DNDist_barrier(handle), "barrier");

    /// <summary>Every rank's tensor (all of the same shape and type), stacked in rank order along a new first dimension.</summary>
    public Tensor AllGather(Tensor input) => new(LibTorch.DNDist_allgather(handle, input.Handle), "all_gather");

    /// <summary>Every rank's bytes in rank order: a small buffer of any length per rank (lengths are gathered first).</summary>
    public byte[][] AllGather(ReadOnlySpan<byte> bytes)
    {
        using var scope = torch.NewDisposeScope();
        var length = torch.tensor(new long[] { bytes.Length });
        var lengths = AllGather(length).ToArray<long>();
        var words = (int)((lengths.Max() + 3) / 4);
        var padded = new byte[words * 4];
        bytes.CopyTo(padded);
        var gathered = AllGather(torch.tensor(MemoryMarshal.Cast<byte, int>(padded).ToArray())).ToArray<int>();
        var all = MemoryMarshal.AsBytes(gathered.AsSpan()).ToArray();
        return Enumerable.Range(0, WorldSize).Select(r => all.AsSpan(r * words * 4, (int)lengths[r]).ToArray()).ToArray();
    }

    /// <summary>Writes a key in the rendezvous store, for the other ranks to read.</summary>
    public void StoreSet(string key, ReadOnlySpan<byte> value) =>
        LibTorch.Check(LibTorch.DNDist_store_set(handle, key, value, value.Length), "store.set");

    /// <summary>Reads a key from the rendezvous store, waiting for it at most the group's timeout.</summary>
    public byte[] StoreGet(string key)
    {
        var length = LibTorch.DNDist_store_get(handle, key, out var value);
        if (length < 0) throw TorchException.FromLastError("store.get");
        try
        {
            var result = new byte[length];
            Marshal.Copy(value, result, 0, (int)length);
            return result;
        }
        finally
        {
            LibTorch.DNDist_free_bytes(value);
        }
    }

    /// <summary>
    /// Waits for a key in the store for up to <paramref name="timeout"/>, which may be longer than the group's (a rank
    /// waiting while rank 0 works alone); fails at once when rank 0, which serves the store, has gone.
    /// </summary>
    public void StoreWait(string key, TimeSpan timeout) =>
        LibTorch.Check(LibTorch.DNDist_store_wait(handle, key, (long)timeout.TotalMilliseconds), "store.wait");

    public void Dispose() => handle.Dispose();
}
