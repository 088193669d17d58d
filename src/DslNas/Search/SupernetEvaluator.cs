using DslNas.Data.Batching;
using DslNas.Engine;
using DslNas.Hardware;
using DslNas.Nn;
using DslNas.Training;

namespace DslNas.Search;

/// <summary>
/// Scores an architecture with the supernet's shared weights: validation accuracy and loss in eval mode (batched),
/// parameters and FLOPs (at <paramref name="sequenceLength"/> tokens) from the space, and latency from the source:
/// the extracted subnet measured on this machine, or a lookup table. Architectures that differ only in kept lengths at
/// or above the tokens reaching a layer (e.g. lengths 80-128 at --max-length 64) compute the same thing: the first
/// one's metrics serve them all. Costs come first: with <paramref name="budgets"/>, an architecture over them is not
/// scored (<see cref="Metrics.Unscored"/>), since constrained domination ranks it by its violation alone and the front
/// holds only architectures within the budgets.
/// </summary>
public sealed class SupernetEvaluator(Supernet supernet, IReadOnlyList<EncodedExample> validation, Batcher batcher, LatencySource latency, int sequenceLength,
    SearchOptions? budgets = null)
{
    private readonly Dictionary<string, Metrics> byComputation = new(StringComparer.Ordinal);

    public Metrics Evaluate(Genes genes)
    {
        var engine = supernet.Engine;
        var plan = engine.Plan(genes);
        var key = Computation(plan).ToString();
        if (byComputation.TryGetValue(key, out var known)) return known;
        var costs = Metrics.Unscored(engine.Parameters(genes), engine.Flops(genes, sequenceLength), latency.LatencyMs(supernet, genes));
        var metrics = costs;
        if (budgets is null || budgets.Violation(costs) == 0)
        {
            var (accuracy, loss) = SubnetScoring.Score(supernet, plan, validation, batcher);
            metrics = costs with { Accuracy = accuracy, Loss = loss, Scored = true };
        }
        byComputation[key] = metrics;
        return metrics;
    }

    /// <summary>The plan with every length that drops nothing (at least the tokens reaching its layer) written as "keeps every token".</summary>
    private SubnetPlan Computation(SubnetPlan plan)
    {
        long tokens = sequenceLength;
        return new SubnetPlan(plan.Layers.Select(l =>
        {
            if (l.Keep >= tokens) return new LayerShape(l.Op, l.Hidden, l.Heads, l.HeadSize, l.Ffn, long.MaxValue);
            tokens = l.Keep;
            return l;
        }).ToArray());
    }
}
