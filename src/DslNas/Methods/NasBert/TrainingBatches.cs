using DslNas.Data.Batching;

namespace DslNas.Methods.NasBert;

/// <summary>The training batch of any step, from the seed alone (epoch plans in order), so that a resumed run sees the batches an unbroken one would.</summary>
internal sealed class TrainingBatches(IReadOnlyList<EncodedExample> examples, Batcher batcher, int seed)
{
    private (int Epoch, List<int[]> Plan)? current;
    private int? perEpoch;

    /// <summary>The batch of 1-based <paramref name="step"/>; it belongs to the caller's dispose scope.</summary>
    public Batch At(int step)
    {
        if (examples.Count == 0) throw new InvalidOperationException("there are no training examples");
        perEpoch ??= batcher.Plan(examples, seed, 0).Count;
        var (epoch, position) = Math.DivRem(step - 1, perEpoch.Value);
        if (current is not { } plan || plan.Epoch != epoch) current = plan = (epoch, batcher.Plan(examples, seed, epoch));
        return batcher.Make(examples, plan.Plan[position]);
    }
}
