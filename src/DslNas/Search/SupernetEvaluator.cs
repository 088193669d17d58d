using DslNas.Data.Batching;
using DslNas.Engine;
using DslNas.Nn;
using DslNas.Torch;
using F = DslNas.Torch.torch.nn.functional;

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
        var plan = SubnetPlan.From(engine, engine.ToValues(genes));
        var (accuracy, loss) = Score(plan);
        using var extracted = supernet.Extract(plan);
        extracted.eval();
        return new Metrics(accuracy, loss, engine.Parameters(genes), engine.Flops(genes, latency.SequenceLength), latency.Measure(extracted));
    }

    public (double Accuracy, double Loss) Score(SubnetPlan plan)
    {
        supernet.eval();
        using var noGrad = torch.no_grad();
        double loss = 0;
        long correct = 0;
        foreach (var indices in batcher.Plan(validation, seed: 0, epoch: 0, shuffle: false))
        {
            using var batch = batcher.Make(validation, indices);
            using var scope = torch.NewDisposeScope();
            var logits = supernet.Classify(batch.Ids, batch.KeepMask, plan);
            loss += F.cross_entropy(logits, batch.Labels, reduction: Reduction.Sum).item<double>();
            correct += logits.argmax(1).eq(batch.Labels).sum().item<long>();
        }
        return ((double)correct / validation.Count, loss / validation.Count);
    }
}
