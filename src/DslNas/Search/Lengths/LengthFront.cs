namespace DslNas.Search.Lengths;

/// <summary>A length configuration with its cost (FLOPs) and score (accuracy) as the search measured them.</summary>
public sealed record ScoredLengths(LengthConfiguration Lengths, double Cost, double Score);

/// <summary>
/// The Pareto staircase of (cost, score) pairs as the LAT search keeps it, and the normalised area under it, which
/// measures a front's quality over a cost range and lets two fronts (searched, constant-rate) be compared.
/// </summary>
public static class LengthFront
{
    /// <summary>
    /// The members sorted by cost whose score strictly beats every cheaper kept member's; the first (cheapest) and the
    /// last (costliest) are always kept, as in the paper's code. At equal cost only the best scoring one can be kept.
    /// </summary>
    public static List<ScoredLengths> Pareto(IEnumerable<ScoredLengths> members)
    {
        var sorted = members.OrderBy(m => m.Cost).ThenByDescending(m => m.Score).ThenBy(m => m.Lengths.ToString(), StringComparer.Ordinal).ToList();
        var kept = new List<ScoredLengths>();
        foreach (var member in sorted)
            if (kept.Count == 0 || (member.Score > kept[^1].Score && member.Cost > kept[^1].Cost)) kept.Add(member);
        if (sorted.Count > 0 && sorted.First(m => m.Cost == sorted[^1].Cost) is var costliest && costliest.Cost > kept[^1].Cost) kept.Add(costliest);
        return kept;
    }

    /// <summary>
    /// The mean over costs in [<paramref name="low"/>, <paramref name="high"/>] of the best score reachable at that cost
    /// (0 below the cheapest member): the area under the staircase divided by the width of the range.
    /// </summary>
    public static double Area(IEnumerable<ScoredLengths> members, double low, double high)
    {
        if (high <= low) throw new ArgumentException($"the cost range must have positive width, got [{low}, {high}]");
        var points = members.OrderBy(m => m.Cost).ToList();
        double area = 0, best = 0;
        var at = low;
        foreach (var point in points)
        {
            var cost = Math.Clamp(point.Cost, low, high);
            area += best * (cost - at);
            at = cost;
            best = Math.Max(best, point.Score);
        }
        area += best * (high - at);
        return area / (high - low);
    }
}
