using DslNas.Torch;
using DslNas.Torch.Distributed;

namespace DslNas.Distributed;

/// <summary>
/// The ranks a run is spread over: this process's rank, their number, and the c10d process group that joins them
/// (none for a single process). Rank 0 leads: it alone writes the run's files and reports.
/// </summary>
public sealed class DistributedWorld : IDisposable
{
    private readonly ProcessGroup? group;

    private DistributedWorld(ProcessGroup? group) => this.group = group;

    /// <summary>One process, no group: every collective is the identity.</summary>
    public static DistributedWorld Single { get; } = new(null);

    /// <summary>Joins the ranks described by <paramref name="environment"/>; throws after <paramref name="timeout"/> when some never join.</summary>
    public static DistributedWorld Join(RankEnvironment environment, TimeSpan timeout)
    {
        if (environment.WorldSize == 1) return Single;
        try
        {
            return new(ProcessGroup.Init(environment.MasterAddress, environment.MasterPort, environment.Rank, environment.WorldSize, timeout));
        }
        catch (TorchException e)
        {
            throw new DistributedException($"rank {environment.Rank} of {environment.WorldSize} could not join the others at {environment.MasterAddress}:{environment.MasterPort} within {timeout.TotalSeconds:0.#} s: {e.Message}", e);
        }
    }

    public int Rank => group?.Rank ?? 0;
    public int Size => group?.WorldSize ?? 1;
    public bool IsLeader => Rank == 0;
    public TimeSpan Timeout => group?.Timeout ?? System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>The group; only in a world of more than one rank.</summary>
    internal ProcessGroup Group => group ?? throw new InvalidOperationException("a single process has no process group");

    /// <summary>Runs a collective, turning a c10d failure (a rank that died, a timeout) into one error that names the rank and what it was doing.</summary>
    internal T Collective<T>(string what, Func<ProcessGroup, T> work)
    {
        try
        {
            return work(Group);
        }
        catch (TorchException e)
        {
            throw new DistributedException($"rank {Rank} of {Size} stopped while {what}: another rank failed, died or did not answer within {Timeout.TotalSeconds:0.#} s ({e.Message})", e);
        }
    }

    internal void Collective(string what, Action<ProcessGroup> work) => Collective(what, g =>
    {
        work(g);
        return 0;
    });

    /// <summary>How long a rank waits while rank 0 works alone (a teacher's pre-training); rank 0's death ends the wait at once.</summary>
    public static TimeSpan LeaderWork { get; } = TimeSpan.FromDays(1);

    /// <summary>Tells the other ranks that rank 0 has done <paramref name="key"/>.</summary>
    public void Signal(string key)
    {
        if (group is not null) Collective($"signalling '{key}'", g => g.StoreSet("done/" + key, [1]));
    }

    /// <summary>Waits until rank 0 has signalled <paramref name="key"/>; fails at once when rank 0 has stopped.</summary>
    public void WaitForLeader(string key, string what)
    {
        if (group is null) return;
        try
        {
            group.StoreWait("done/" + key, LeaderWork);
        }
        catch (TorchException e)
        {
            throw new DistributedException($"rank {Rank} of {Size} stopped while waiting for rank 0 to finish {what}: rank 0 failed or died (its own output says why; {e.Message})", e);
        }
    }

    /// <summary>
    /// Waits until every rank got here: before a rank leaves, so that rank 0, which serves the store, outlives the
    /// others' last reads of it.
    /// </summary>
    public void Barrier(string what)
    {
        if (group is not null) Collective(what, g => g.Barrier());
    }

    /// <summary>rank 0's value on every rank.</summary>
    public double Broadcast(double value, string what)
    {
        if (group is null) return value;
        using var scope = torch.NewDisposeScope();
        var tensor = torch.tensor(new[] { value });
        Collective(what, g => g.Broadcast([tensor]));
        return tensor.ToArray<double>()[0];
    }

    /// <summary>The mean of the ranks' values.</summary>
    public double Average(double value, string what)
    {
        if (group is null) return value;
        using var scope = torch.NewDisposeScope();
        var tensor = torch.tensor(new[] { value });
        Collective(what, g => g.AllReduce([tensor]));
        return tensor.ToArray<double>()[0] / Size;
    }

    /// <summary>Every rank's bytes, in rank order.</summary>
    public byte[][] AllGather(byte[] bytes, string what) => group is null ? [bytes] : Collective(what, g => g.AllGather(bytes));

    public void Dispose()
    {
        group?.Dispose();
    }
}
