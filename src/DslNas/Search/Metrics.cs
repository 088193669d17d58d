namespace DslNas.Search;

/// <summary>
/// What an evaluation measured: supernet validation accuracy and loss, size, FLOPs and latency (ms, median, batch 1).
/// An architecture over the search's budgets is not <see cref="Scored"/> (its accuracy and loss are 0): constrained
/// domination ranks it by how far it is over, never by its accuracy (<see cref="SupernetEvaluator"/>).
/// </summary>
public sealed record Metrics(double Accuracy, double Loss, long Parameters, long Flops, double LatencyMs, bool Scored = true)
{
    /// <summary>The costs of an architecture whose accuracy was not scored.</summary>
    public static Metrics Unscored(long parameters, long flops, double latencyMs) => new(0, 0, parameters, flops, latencyMs, Scored: false);
}
