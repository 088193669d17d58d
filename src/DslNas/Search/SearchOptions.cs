using DslNas.Search.Lengths;

namespace DslNas.Search;

/// <summary>
/// A multi-objective search: maximize accuracy, minimize <see cref="Cost"/>, subject to optional latency, FLOPs and
/// size budgets. NSGA-II with <see cref="Population"/> architectures for <see cref="Generations"/> generations, or
/// random search over Population x Generations samples. The Length-Adaptive Transformer's length search takes its
/// own settings from <see cref="Lengths"/> and seeds itself with <see cref="Population"/> constant-rate genes.
/// </summary>
public sealed record SearchOptions(
    int Population = 10,
    int Generations = 3,
    double MutationRate = 0.2,
    CostObjective Cost = CostObjective.Latency,
    double? MaxLatencyMs = null,
    long? MaxParameters = null,
    bool Random = false,
    int Seed = 17,
    double? MaxFlops = null)
{
    public LengthSearchOptions Lengths { get; init; } = new();

    public void Validate()
    {
        if (Population < 2) throw new ArgumentException($"the population must hold at least 2 architectures, got {Population}");
        if (Generations < 1) throw new ArgumentException($"the search needs at least 1 generation, got {Generations}");
        if (MutationRate is < 0 or > 1) throw new ArgumentException($"the mutation rate must lie in [0, 1], got {MutationRate}");
        if (MaxLatencyMs <= 0) throw new ArgumentException($"the latency budget must be positive, got {MaxLatencyMs}");
        if (MaxParameters <= 0) throw new ArgumentException($"the parameter budget must be positive, got {MaxParameters}");
        if (MaxFlops <= 0) throw new ArgumentException($"--flops-budget must be positive, got {MaxFlops}");
        Lengths.Validate();
    }

    /// <summary>How far the metrics exceed the budgets, relative to them; 0 when feasible.</summary>
    public double Violation(Metrics metrics) =>
        (MaxLatencyMs is { } latency ? Math.Max(0, (metrics.LatencyMs - latency) / latency) : 0)
        + (MaxParameters is { } parameters ? Math.Max(0, (double)(metrics.Parameters - parameters) / parameters) : 0)
        + (MaxFlops is { } flops ? Math.Max(0, (metrics.Flops - flops) / flops) : 0);
}
