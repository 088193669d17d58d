using DslNas.Data.Batching;
using DslNas.Engine;
using DslNas.Hardware;
using DslNas.Nn;
using DslNas.Training;

namespace DslNas.Search;

/// <summary>
/// Scores an architecture with the supernet's shared weights: validation accuracy and loss in eval mode (batched),
/// parameters and FLOPs (at <paramref name="sequenceLength"/> tokens) from the space, and latency from the source:
/// the extracted subnet measured on this machine, or a lookup table.
/// </summary>
public sealed class SupernetEvaluator(Supernet supernet, IReadOnlyList<EncodedExample> validation, Batcher batcher, LatencySource latency, int sequenceLength)
{
    public Metrics Evaluate(Genes genes)
    {
        var engine = supernet.Engine;
        var plan = engine.Plan(genes);
        var (accuracy, loss) = SubnetScoring.Score(supernet, plan, validation, batcher);
        return new Metrics(accuracy, loss, engine.Parameters(genes), engine.Flops(genes, sequenceLength), latency.LatencyMs(supernet, genes));
    }
}
