using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DslNas.Torch.Distributed;

namespace DslNas.Torch.Tests.Distributed;

/// <summary>Ranks as threads of this process over loopback: TCPStore and Gloo serve threads as they serve processes.</summary>
public sealed class ProcessGroupTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs <paramref name="work"/> as every rank of a fresh group, one thread each; returns the ranks' results.</summary>
    internal static T[] OnRanks<T>(int worldSize, Func<ProcessGroup, T> work, TimeSpan? timeout = null)
    {
        var port = FreePort();
        var tasks = Enumerable.Range(0, worldSize).Select(rank => Task.Factory.StartNew(() =>
        {
            using var group = ProcessGroup.Init("127.0.0.1", port, rank, worldSize, timeout ?? Timeout);
            return work(group);
        }, TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(tasks);
        return tasks.Select(t => t.Result).ToArray();
    }

    [Fact]
    public void All_reduce_sums_max_and_mins_across_ranks()
    {
        var results = OnRanks(3, group =>
        {
            var sum = torch.tensor(new[] { group.Rank + 1f, 10f * group.Rank });
            var max = torch.tensor(new[] { (float)group.Rank });
            var min = torch.tensor(new[] { (float)group.Rank });
            group.AllReduce([sum]);
            group.AllReduce([max], ReduceOp.Max);
            group.AllReduce([min], ReduceOp.Min);
            return (Sum: sum.ToArray<float>(), Max: max.ToArray<float>()[0], Min: min.ToArray<float>()[0]);
        });
        results.Should().OnlyContain(r => r.Sum.SequenceEqual(new[] { 6f, 30f }) && r.Max == 2f && r.Min == 0f);
    }

    [Fact]
    public void A_flat_all_reduce_averages_tensors_of_several_shapes_in_place()
    {
        var results = OnRanks(2, group =>
        {
            var matrix = torch.full([2, 3], group.Rank == 0 ? 1 : 3);
            var vector = torch.tensor(new[] { 2f * group.Rank, 4f });
            group.AllReduceFlat([matrix, vector], divisor: 2);
            return (Matrix: matrix.ToArray<float>(), Shape: matrix.shape, Vector: vector.ToArray<float>());
        });
        results.Should().OnlyContain(r => r.Matrix.All(v => v == 2f) && r.Shape.SequenceEqual(new long[] { 2, 3 }) && r.Vector.SequenceEqual(new[] { 1f, 4f }));
    }

    [Fact]
    public void Broadcast_copies_the_roots_tensors_and_all_gather_collects_every_ranks()
    {
        var results = OnRanks(3, group =>
        {
            var weights = torch.full([4], group.Rank + 5);
            var matrix = torch.full([2, 2], group.Rank);
            group.Broadcast([weights, matrix], root: 1);
            group.Barrier();
            var gathered = group.AllGather(torch.tensor(new long[] { group.Rank, group.Rank * group.Rank }));
            var bytes = group.AllGather(new byte[group.Rank + 1].Select((_, i) => (byte)(group.Rank * 10 + i)).ToArray());
            return (Weights: weights.ToArray<float>().Concat(matrix.ToArray<float>()).ToArray(), Gathered: gathered.ToArray<long>(), GatheredShape: gathered.shape, Bytes: bytes);
        });
        foreach (var r in results)
        {
            r.Weights.Should().Equal(6f, 6f, 6f, 6f, 1f, 1f, 1f, 1f);
            r.GatheredShape.Should().Equal(3, 2);
            r.Gathered.Should().Equal(0, 0, 1, 1, 2, 4);
            r.Bytes.Select(b => b.ToArray()).Should().BeEquivalentTo(new[] { new byte[] { 0 }, new byte[] { 10, 11 }, new byte[] { 20, 21, 22 } }, o => o.WithStrictOrdering());
        }
    }

    [Fact]
    public void The_store_carries_bytes_from_one_rank_to_the_others()
    {
        var results = OnRanks(2, group =>
        {
            if (group.Rank == 0) group.StoreSet("greeting", "hello"u8);
            return System.Text.Encoding.UTF8.GetString(group.StoreGet("greeting"));
        });
        results.Should().Equal("hello", "hello");
    }

    [Fact]
    public void A_rank_that_never_joins_makes_the_rendezvous_fail_within_the_timeout()
    {
        var clock = Stopwatch.StartNew();
        var act = () => ProcessGroup.Init("127.0.0.1", FreePort(), 0, 2, TimeSpan.FromSeconds(2));
        act.Should().Throw<TorchException>().WithMessage("init_process_group:*");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_rank_that_leaves_makes_the_others_collective_fail_with_its_name()
    {
        var port = FreePort();
        var leaver = Task.Factory.StartNew(() =>
        {
            using var group = ProcessGroup.Init("127.0.0.1", port, 1, 2, TimeSpan.FromSeconds(5));
            group.Barrier();
        }, TaskCreationOptions.LongRunning);
        using var group = ProcessGroup.Init("127.0.0.1", port, 0, 2, TimeSpan.FromSeconds(5));
        group.Barrier();
        leaver.Wait();
        var clock = Stopwatch.StartNew();
        var act = () => group.AllReduce([torch.ones([3])]);
        act.Should().Throw<TorchException>().WithMessage("all_reduce:*");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(0, 0, "*world size must be at least 1*")]
    [InlineData(2, 2, "*rank 2 is outside the world of 2 ranks*")]
    [InlineData(-1, 2, "*rank -1 is outside*")]
    public void A_bad_world_size_or_rank_is_named(int rank, int worldSize, string message)
    {
        var act = () => ProcessGroup.Init("127.0.0.1", FreePort(), rank, worldSize, Timeout);
        act.Should().Throw<TorchException>().WithMessage("init_process_group:" + message);
    }

    [Fact]
    public void A_port_in_use_is_named()
    {
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var act = () => ProcessGroup.Init("127.0.0.1", port, 0, 1, TimeSpan.FromSeconds(3));
        act.Should().Throw<TorchException>().WithMessage($"init_process_group: the rendezvous at 127.0.0.1:{port} failed (rank 0 serves it: is the port in use?)*");
    }
}
