using DslNas.Torch;
using DslNas.Training.Pretraining;

namespace DslNas.Training.Distillation;

/// <summary>
/// The teacher's soft targets of a masked batch, log-softmax(t/τ) over its masked positions, kept for the batches seen
/// before: students that train on the same batches (Bort's candidates: the same steps, order, masks and seed) pay for
/// the teacher's forward once. A batch is recognised by its ids, keep-mask and masked positions; the teacher runs in eval mode, so
/// a kept target equals a recomputed one bit for bit. Past <see cref="CapacityBytes"/> new targets are computed and not kept.
/// </summary>
public sealed class MlmTeacherTargets : IDisposable
{
    private readonly KeptTargets kept;

    public MlmTeacherTargets(MlmTeacher teacher, double temperature, long capacityBytes = 1L << 30)
    {
        if (temperature <= 0) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "the temperature must be positive");
        kept = new KeptTargets(capacityBytes);
        Teacher = teacher;
        Temperature = temperature;
    }

    public MlmTeacher Teacher { get; }
    public double Temperature { get; }
    public long CapacityBytes => kept.CapacityBytes;

    /// <summary>Bytes held by the kept targets.</summary>
    public long KeptBytes => kept.KeptBytes;

    /// <summary>Batches whose targets came from those kept, and batches the teacher ran on.</summary>
    public int Hits => kept.Hits;
    public int Misses => kept.Misses;

    /// <summary>
    /// The targets [masked, vocabulary] of <paramref name="batch"/>, without autograd. A kept tensor belongs to this
    /// object and outlives any dispose scope; one not kept is the caller's, in the caller's scope.
    /// </summary>
    public Tensor For(MlmBatch batch) => kept.For(KeptTargets.Key(batch.Ids, batch.KeepMask, batch.MaskedPositions), () =>
    {
        using var noGrad = torch.no_grad();
        var hidden = Teacher.Hidden(batch.Ids, batch.KeepMask);
        return Teacher.Logits(hidden.reshape(-1, hidden.size(-1)).index_select(0, batch.MaskedPositions)).div(Temperature).log_softmax(-1);
    });

    public void Dispose() => kept.Dispose();
}
