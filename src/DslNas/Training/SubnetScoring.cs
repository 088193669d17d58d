using DslNas.Data.Batching;
using DslNas.Nn;
using DslNas.Torch;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Training;

/// <summary>A subnet's accuracy and mean loss on labelled examples, with the supernet's shared weights, in eval mode.</summary>
public static class SubnetScoring
{
    public static (double Accuracy, double Loss) Score(Supernet supernet, SubnetPlan plan, IReadOnlyList<EncodedExample> examples, Batcher batcher)
    {
        supernet.eval();
        using var noGrad = torch.no_grad();
        double loss = 0;
        long correct = 0;
        foreach (var indices in batcher.Plan(examples, seed: 0, epoch: 0, shuffle: false))
        {
            using var batch = batcher.Make(examples, indices);
            using var scope = torch.NewDisposeScope();
            var logits = supernet.Classify(batch.Ids, batch.KeepMask, plan);
            loss += F.cross_entropy(logits, batch.Labels, reduction: Reduction.Sum).item<double>();
            correct += logits.argmax(1).eq(batch.Labels).sum().item<long>();
        }
        return ((double)correct / examples.Count, loss / examples.Count);
    }
}
