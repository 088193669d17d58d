using System.Globalization;
using DslNas.Training;

namespace DslNas.Runs;

/// <summary>
/// Decides from the health check whether a trained supernet can rank architectures. It has collapsed when every
/// checked subnet's accuracy lies within the collapse spread of the majority-class rate (each predicts one class), or
/// when the rank correlation of size and accuracy is below the threshold.
/// </summary>
public static class HealthGate
{
    /// <summary>Null when healthy; otherwise what was measured and what to try.</summary>
    public static string? Problem(SupernetHealth health, double majorityRate, HealthOptions options)
    {
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        var accuracies = health.Subnets.Select(s => s.Accuracy).ToList();
        const string advice = "try more --steps, a lower --learning-rate, or pass --ignore-health to search anyway";
        if (accuracies.All(a => Math.Abs(a - majorityRate) <= options.CollapseSpread))
            return F($"the supernet has collapsed: every checked subnet scores {accuracies.Min():P2}-{accuracies.Max():P2} on the search split, within {options.CollapseSpread:P1} of the majority-class rate {majorityRate:P2}; {advice}");
        if (health.SizeAccuracyCorrelation < options.MinSpearman)
            return F($"the supernet cannot rank architectures: Spearman's correlation of size and search-split accuracy is {health.SizeAccuracyCorrelation:F3}, below {options.MinSpearman:F2} (--min-health-spearman); {advice}");
        return null;
    }

    /// <summary>The share of the most frequent class among the labels.</summary>
    public static double MajorityRate(IEnumerable<int> labels)
    {
        var counts = labels.GroupBy(l => l).Select(g => g.Count()).ToList();
        return counts.Count == 0 ? 0 : (double)counts.Max() / counts.Sum();
    }
}
