namespace DslNas.Runs;

/// <summary>
/// The health gate after supernet training. A supernet has collapsed when every checked subnet's validation accuracy
/// lies within <see cref="CollapseSpread"/> of the majority-class rate, or when Spearman's rank correlation of size
/// and accuracy falls below <see cref="MinSpearman"/>; a collapsed supernet stops the run.
/// </summary>
public sealed record HealthOptions(int RandomSubnets = 6, double CollapseSpread = 0.005, double MinSpearman = -0.5)
{
    public void Validate()
    {
        if (RandomSubnets < 1) throw new ArgumentException($"the health check needs at least one random subnet, got {RandomSubnets}");
        if (CollapseSpread < 0) throw new ArgumentException($"the collapse spread must not be negative, got {CollapseSpread}");
        if (MinSpearman is < -1 or > 1) throw new ArgumentException($"--min-health-spearman must lie in [-1, 1], got {MinSpearman}");
    }
}
