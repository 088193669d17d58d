using DslNas.Torch;

namespace DslNas.Data.Batching;

/// <summary>
/// Groups examples into padded batches. With bucketing, examples of similar length share a batch (less padding):
/// the shuffled examples are cut into pools of 50 batches, sorted by length inside a pool, then the batches are
/// shuffled. The order depends only on the seed and the epoch.
/// </summary>
public sealed class Batcher(int batchSize, int paddingId, bool bucketByLength = true)
{
    private const int PoolBatches = 50;

    public int BatchSize { get; } = batchSize > 0 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "the batch size must be positive");

    /// <summary>Example indices per batch for one epoch.</summary>
    public List<int[]> Plan(IReadOnlyList<EncodedExample> examples, int seed, int epoch, bool shuffle = true)
    {
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(unchecked(seed * 1_000_003 + epoch));
        if (shuffle) random.Shuffle(order);
        var batches = new List<int[]>();
        var poolSize = BatchSize * PoolBatches;
        for (var start = 0; start < order.Length; start += poolSize)
        {
            var pool = order.Skip(start).Take(poolSize).ToArray();
            if (bucketByLength) pool = pool.OrderBy(i => examples[i].Ids.Length).ThenBy(i => i).ToArray();
            batches.AddRange(pool.Chunk(BatchSize));
        }
        if (shuffle && bucketByLength)
        {
            var shuffled = batches.ToArray();
            random.Shuffle(shuffled);
            return [.. shuffled];
        }
        return batches;
    }

    /// <summary>The tokens of a planned batch's longest example: the length its tensors are padded to.</summary>
    public static int Length(IReadOnlyList<EncodedExample> examples, int[] indices) => indices.Max(i => examples[i].Ids.Length);

    /// <summary>
    /// The tensors of one planned batch, padded to its longest example or to <paramref name="padTo"/> (a data-parallel
    /// shard padded as the global batch it belongs to).
    /// </summary>
    public Batch Make(IReadOnlyList<EncodedExample> examples, int[] indices, int? padTo = null)
    {
        var length = padTo ?? Length(examples, indices);
        if (length < Length(examples, indices)) throw new ArgumentOutOfRangeException(nameof(padTo), padTo, "a batch cannot be padded to fewer tokens than its longest example");
        var ids = new long[indices.Length * length];
        var keep = new long[indices.Length * length];
        var labels = new long[indices.Length];
        for (var row = 0; row < indices.Length; row++)
        {
            var example = examples[indices[row]];
            for (var column = 0; column < length; column++)
            {
                var real = column < example.Ids.Length;
                ids[row * length + column] = real ? example.Ids[column] : paddingId;
                keep[row * length + column] = real ? 1 : 0;
            }
            labels[row] = example.Label;
        }
        return new Batch(
            torch.tensor(ids, [indices.Length, length]).DetachFromDisposeScope(),
            torch.tensor(keep, [indices.Length, length]).DetachFromDisposeScope(),
            torch.tensor(labels).DetachFromDisposeScope());
    }
}
