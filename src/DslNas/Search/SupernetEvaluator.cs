using DslNas.Data.Batching;
using DslNas.Engine;
using DslNas.Hardware;
using DslNas.Nn;
using DslNas.Training;

namespace DslNas.Search;

/// <summary>
/// Scores an architecture with the supernet's shared weights: validation accuracy and loss in eval mode (batched),
/// parameters and FLOPs from the space, and latency of the extracted subnet measured on this machine.
/// </summary>
public sealed class SupernetEvaluator(Supernet supernet, IReadOnlyList<EncodedExample> validation, Batcher batcher, LatencyMeter latency)
{
    public Metrics Evaluate(Genes genes)
    {
        var engine = supernet.Engine;
        var plan = engine.Plan(genes);
        var (accuracy, loss) = SubnetScoring.Score(supernet, plan, validation, batcher);
        using var extracted = supernet.Extract(plan);
        extracted.eval();
        return new Metrics(accuracy, loss, engine.Parameters(genes), engine.Flops(genes, latency.SequenceLength), latency.Measure(extracted));
    }
}
