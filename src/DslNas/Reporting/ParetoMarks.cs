namespace DslNas.Reporting;

/// <summary>A model marked on pareto.svg at its measured latency, FLOPs and accuracy with the supernet's shared weights.</summary>
public sealed record ParetoMark(string Label, double LatencyMs, long Flops, double Accuracy);

/// <summary>What pareto.svg marks besides the evaluations: the latency budget, the chosen architecture (by its key) and compared models.</summary>
public sealed record ParetoMarks(double? BudgetMs = null, string? ChosenKey = null, IReadOnlyList<ParetoMark>? Models = null)
{
    public IReadOnlyList<ParetoMark> Compared => Models ?? [];
}
