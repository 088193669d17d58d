namespace DslNas.Search;

/// <summary>The cost the search trades accuracy against.</summary>
public enum CostObjective
{
    Latency,
    Flops,
    Parameters,
}

public static class CostObjectives
{
    public static double Of(this CostObjective objective, Metrics metrics) => objective switch
    {
        CostObjective.Latency => metrics.LatencyMs,
        CostObjective.Flops => metrics.Flops,
        _ => metrics.Parameters,
    };
}
