using DslNas.Data.Batching;
using DslNas.Nn;
using DslNas.Torch;
using DslNas.Training;

namespace DslNas.Methods.NasBert;

/// <summary>
/// The first held-out batches of the search split with the teacher's states at every block boundary, computed once
/// (the teacher is frozen): what shrinking and performance approximation score paths on, without gradients and
/// with dropout off.
/// </summary>
internal sealed class DevBatches : IDisposable
{
    private readonly BlockwiseDistillation distillation;
    private readonly List<(Tensor Mask, IReadOnlyList<Tensor> States)> batches = [];

    public DevBatches(BlockwiseDistillation distillation, IReadOnlyList<EncodedExample> examples, Batcher batcher, int count)
    {
        if (examples.Count == 0) throw new InvalidOperationException("the search split is empty: NAS-BERT scores paths on held-out batches from it");
        this.distillation = distillation;
        foreach (var indices in batcher.Plan(examples, 0, 0, shuffle: false).Take(count))
        {
            using var scope = torch.NewDisposeScope();
            using var batch = batcher.Make(examples, indices);
            var states = distillation.TeacherStates(batch.Ids, batch.KeepMask).Select(s => s.DetachFromDisposeScope()).ToArray();
            batches.Add((batch.KeepMask.clone().DetachFromDisposeScope(), states));
        }
    }

    public int Count => batches.Count;

    /// <summary>Eq. 1 of each path of <paramref name="block"/>, averaged over the batches.</summary>
    public double[] BlockLosses(int block, IReadOnlyList<SubnetPlan> paths) =>
        Score(paths, (plan, batch) => distillation.BlockLoss(batch.States, block, plan, batch.Mask));

    /// <summary>The complete architectures' loss (blocks chained), averaged over the batches.</summary>
    public double[] ChainedLosses(IReadOnlyList<SubnetPlan> architectures) =>
        Score(architectures, (plan, batch) => distillation.ChainedLoss(batch.States, plan, batch.Mask));

    private double[] Score(IReadOnlyList<SubnetPlan> plans, Func<SubnetPlan, (Tensor Mask, IReadOnlyList<Tensor> States), Tensor> loss)
    {
        var wasTraining = distillation.training;
        distillation.eval();
        using var noGrad = torch.no_grad();
        try
        {
            return plans.Select(plan => batches.Average(batch =>
            {
                using var scope = torch.NewDisposeScope();
                return loss(plan, batch).item<double>();
            })).ToArray();
        }
        finally
        {
            distillation.train(wasTraining);
        }
    }

    public void Dispose()
    {
        foreach (var (mask, states) in batches)
        {
            mask.Dispose();
            foreach (var state in states) state.Dispose();
        }
    }
}
