using System.Diagnostics;
using DslNas.Torch;

namespace DslNas.Distributed;

/// <summary>
/// Data-parallel training over a <see cref="DistributedWorld"/>: each rank takes its own contiguous shard of every
/// global batch, its loss weighted by the shard's share so that the ranks' averaged gradients equal the gradient of
/// the global batch's mean loss; gradients are averaged by bucketed all-reduce before the (identical) optimizer step;
/// weights start as rank 0's. Times its communication, for benchmarks.
/// </summary>
public sealed class DataParallel(DistributedWorld world, long bucketBytes = GradientBuckets.DefaultBytes)
{
    private readonly Stopwatch communication = new();

    public DistributedWorld World { get; } = world;

    /// <summary>Time spent in gradient all-reduce so far.</summary>
    public TimeSpan CommunicationTime => communication.Elapsed;

    /// <summary>Gradient all-reduce calls (buckets) so far.</summary>
    public int Collectives { get; private set; }

    /// <summary>
    /// This rank's rows of a global batch of <paramref name="count"/> rows, and the factor its mean loss is weighted by.
    /// A rank left without a row (a global batch smaller than the world) still runs the first row with weight 0, so
    /// every rank reaches the same parameters and the all-reduce matches.
    /// </summary>
    public (int Start, int Length, double Weight) Shard(int count) => ShardOf(count, World.Rank, World.Size);

    internal static (int Start, int Length, double Weight) ShardOf(int count, int rank, int size)
    {
        var start = (int)((long)count * rank / size);
        var end = (int)((long)count * (rank + 1) / size);
        return end > start ? (start, end - start, (double)(end - start) * size / count) : (0, 1, 0);
    }

    /// <summary>Every rank's parameters become rank 0's.</summary>
    public void BroadcastParameters(IReadOnlyList<Tensor> parameters)
    {
        if (World.Size == 1) return;
        using (torch.no_grad())
            foreach (var bucket in GradientBuckets.Plan(parameters, bucketBytes))
                World.Collective("broadcasting rank 0's weights", g => g.Broadcast(bucket));
    }

    /// <summary>Replaces every gradient by its mean over the ranks, one all-reduce per bucket.</summary>
    public void AverageGradients(IReadOnlyList<Tensor> parameters)
    {
        if (World.Size == 1) return;
        using var scope = torch.NewDisposeScope();
        var gradients = parameters.Select(p => p.grad).OfType<Tensor>().ToList();
        communication.Start();
        try
        {
            foreach (var bucket in GradientBuckets.Plan(gradients, bucketBytes))
            {
                World.Collective("averaging gradients", g => g.AllReduceFlat(bucket, World.Size));
                Collectives++;
            }
        }
        finally
        {
            communication.Stop();
        }
    }
}
