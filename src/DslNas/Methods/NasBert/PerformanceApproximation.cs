using DslNas.Runs;

namespace DslNas.Methods.NasBert;

/// <summary>A complete architecture made of one survivor per block: the survivors' ids, its summed block loss and its non-embedding parameters.</summary>
public sealed record RankedArchitecture(IReadOnlyList<int> Paths, double ApproximateLoss, long Parameters);

/// <summary>
/// NAS-BERT's performance approximation (§3.3): a complete architecture's loss is taken as the sum of its paths'
/// block-wise dev losses, so ranking every combination of survivors costs one evaluation per surviving path, not one
/// per architecture. Combinations are ranked by that sum (then by fewer parameters).
/// </summary>
public static class PerformanceApproximation
{
    /// <summary>More combinations than this are not ranked.</summary>
    public const long MaxCombinations = 5_000_000;

    /// <param name="losses">Per block, the dev loss of each surviving path (index = position in the block's list).</param>
    /// <param name="parameters">The parameters of the architecture made of the given path of each block.</param>
    public static IReadOnlyList<RankedArchitecture> Rank(IReadOnlyList<IReadOnlyList<double>> losses, Func<IReadOnlyList<int>, long> parameters)
    {
        var count = losses.Aggregate(1L, (n, block) => n * block.Count);
        if (count == 0) throw new InvalidOperationException("a block has no surviving path");
        if (count > MaxCombinations)
            throw new RunInputException($"{count:N0} combinations of survivors are more than the {MaxCombinations:N0} ranked; keep fewer paths per bin (--keep-per-bin) or use fewer bins (--bins)");
        var ranked = new List<RankedArchitecture>((int)count);
        var current = new int[losses.Count];
        while (true)
        {
            var paths = (int[])current.Clone();
            ranked.Add(new RankedArchitecture(paths, paths.Select((p, b) => losses[b][p]).Sum(), parameters(paths)));
            var k = current.Length - 1;
            while (k >= 0 && ++current[k] == losses[k].Count)
            {
                current[k] = 0;
                k--;
            }
            if (k < 0) break;
        }
        return ranked.OrderBy(r => r.ApproximateLoss).ThenBy(r => r.Parameters).ToList();
    }
}
