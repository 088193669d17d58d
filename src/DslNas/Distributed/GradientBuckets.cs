using DslNas.Torch;

namespace DslNas.Distributed;

/// <summary>
/// Groups gradients into buckets of about <c>bucketBytes</c> each, in parameter order, so that one all-reduce carries
/// many small tensors (as DistributedDataParallel's 25 MiB buckets): fewer collectives, each long enough to use the
/// link's bandwidth. A tensor larger than a bucket gets one of its own.
/// </summary>
internal static class GradientBuckets
{
    public const long DefaultBytes = 25L << 20;

    public static List<List<Tensor>> Plan(IReadOnlyList<Tensor> gradients, long bucketBytes)
    {
        if (bucketBytes < 1) throw new ArgumentOutOfRangeException(nameof(bucketBytes), bucketBytes, "a bucket holds at least one byte");
        var buckets = new List<List<Tensor>>();
        var current = new List<Tensor>();
        long bytes = 0;
        foreach (var gradient in gradients)
        {
            var size = gradient.numel() * (gradient.dtype is ScalarType.Float64 or ScalarType.Int64 ? 8 : 4);
            if (current.Count > 0 && bytes + size > bucketBytes)
            {
                buckets.Add(current);
                current = [];
                bytes = 0;
            }
            current.Add(gradient);
            bytes += size;
        }
        if (current.Count > 0) buckets.Add(current);
        return buckets;
    }
}
