namespace DslNas.Methods.NasBert;

/// <summary>One pruning of one bin: the block, the bin (1-based), the training step, and the paths alive before and after.</summary>
public sealed record PruningRecord(int Block, int Bin, int Step, int Before, int After);

/// <summary>
/// NAS-BERT's progressive shrinking with bins (§3.2.2). Each block's candidate paths fall into B bins by parameter
/// count: bin b holds the paths with (b−1)/B·p_max &lt; p &lt; b/B·p_max (strict, as the paper writes it, so a path
/// on a boundary, the block's largest among them, belongs to no bin and is dropped up front). Given latencies, a
/// path must also have (b−1)/B·l_max &lt; l &lt; b/B·l_max for the same b; paths that fail it are dropped up front too.
/// The paper takes p_max and l_max from the block's largest path; here l_max is the block's slowest path, since on
/// a CPU at small widths the largest path need not be the slowest (a convolution can outlast an FFN of more weights),
/// and measuring against a faster path would drop every slower one. A shrinking round draws
/// up to E alive paths from each bin that still holds more than m, ranks them by a loss and drops the worse half of
/// the draw, never leaving fewer than m; shrinking is done when every bin holds at most m. Binning keeps small and
/// large paths alive side by side: ranked together, large paths would die early (slow to train) and small ones late.
/// </summary>
public sealed class ProgressiveShrinking
{
    private readonly List<int>[][] alive;

    /// <param name="parameters">Per block, the parameter count of each candidate path (its index is its id).</param>
    /// <param name="latencies">Per block, the latency of each candidate path; null to bin by parameters alone.</param>
    public ProgressiveShrinking(IReadOnlyList<IReadOnlyList<long>> parameters, IReadOnlyList<IReadOnlyList<double>>? latencies, int bins, int keepPerBin, int sample)
    {
        if (bins < 1 || keepPerBin < 1 || sample < 2) throw new ArgumentException($"bins ({bins}) and paths kept per bin ({keepPerBin}) must be positive and the sample ({sample}) at least 2");
        if (latencies is not null && (latencies.Count != parameters.Count || latencies.Where((l, b) => l.Count != parameters[b].Count).Any()))
            throw new ArgumentException("give a latency for every path of every block");
        (Bins, KeepPerBin, Sample) = (bins, keepPerBin, sample);
        alive = parameters.Select((block, b) =>
        {
            var byBin = Enumerable.Range(0, bins).Select(_ => new List<int>()).ToArray();
            if (block.Count == 0) return byBin;
            var (largest, slowest) = (block.Max(), latencies?[b].Max() ?? 0);
            for (var i = 0; i < block.Count; i++)
            {
                if (BinOf(block[i], largest, bins) is not { } bin) continue;
                if (latencies is not null && BinOf(latencies[b][i], slowest, bins) != bin) continue;
                byBin[bin - 1].Add(i);
            }
            return byBin;
        }).ToArray();
    }

    private ProgressiveShrinking(List<int>[][] alive, int bins, int keepPerBin, int sample)
    {
        this.alive = alive;
        (Bins, KeepPerBin, Sample) = (bins, keepPerBin, sample);
    }

    public int Bins { get; }
    public int KeepPerBin { get; }
    public int Sample { get; }
    public int BlockCount => alive.Length;

    /// <summary>The bin (1..B) of a path's size or latency in a block whose largest path has <paramref name="largest"/>; null on a boundary or beyond.</summary>
    public static int? BinOf(double value, double largest, int bins)
    {
        for (var b = 1; b <= bins; b++)
        {
            var (lower, upper) = ((double)(b - 1) / bins * largest, (double)b / bins * largest);
            if (lower < value && value < upper) return b;
        }
        return null;
    }

    /// <summary>The ids alive in bin <paramref name="bin"/> (1-based) of a block.</summary>
    public IReadOnlyList<int> Alive(int block, int bin) => alive[block][bin - 1];

    /// <summary>Every id alive in a block, bin by bin.</summary>
    public IReadOnlyList<int> Alive(int block) => alive[block].SelectMany(b => b).ToList();

    public bool Done => alive.All(block => block.All(bin => bin.Count <= KeepPerBin));

    /// <summary>
    /// One round at <paramref name="step"/>: in every bin above m, draws min(E, alive) paths, asks
    /// <paramref name="losses"/> (block, ids) for their losses and drops the worse half of the draw (at most down to m).
    /// </summary>
    public IReadOnlyList<PruningRecord> Shrink(int step, Random random, Func<int, IReadOnlyList<int>, IReadOnlyList<double>> losses)
    {
        var records = new List<PruningRecord>();
        for (var block = 0; block < alive.Length; block++)
        for (var bin = 0; bin < Bins; bin++)
        {
            var ids = alive[block][bin];
            if (ids.Count <= KeepPerBin)
            {
                records.Add(new PruningRecord(block, bin + 1, step, ids.Count, ids.Count));
                continue;
            }
            var drawn = ids.ToArray();
            random.Shuffle(drawn);
            var sample = drawn.Take(Math.Min(Sample, drawn.Length)).ToList();
            var scores = losses(block, sample);
            if (scores.Count != sample.Count) throw new InvalidOperationException($"{scores.Count} losses for {sample.Count} paths");
            var drop = Math.Min(sample.Count / 2, ids.Count - KeepPerBin);
            var worst = sample.Select((id, i) => (id, Loss: scores[i])).OrderByDescending(s => s.Loss).ThenBy(s => s.id).Take(drop).Select(s => s.id).ToHashSet();
            var before = ids.Count;
            ids.RemoveAll(worst.Contains);
            records.Add(new PruningRecord(block, bin + 1, step, before, ids.Count));
        }
        return records;
    }

    /// <summary>The alive ids per block and bin, to save and restore.</summary>
    public int[][][] State => alive.Select(block => block.Select(bin => bin.ToArray()).ToArray()).ToArray();

    public static ProgressiveShrinking Restore(int[][][] state, int bins, int keepPerBin, int sample)
    {
        if (state.Any(block => block.Length != bins))
            throw new InvalidDataException($"the saved shrinking state has other than {bins} bins per block");
        return new ProgressiveShrinking(state.Select(block => block.Select(bin => bin.ToList()).ToArray()).ToArray(), bins, keepPerBin, sample);
    }
}
