using DslNas.Torch;
using DslNas.Training.Pretraining;

namespace DslNas.Training.Distillation;

/// <summary>
/// The teacher's soft targets of a masked batch, log-softmax(t/τ) over its masked positions, kept for the batches seen
/// before: students that train on the same batches (Bort's candidates: the same steps, order, masks and seed) pay for
/// the teacher's forward once. A batch is recognised by its ids, keep-mask and masked positions; the teacher runs in eval mode, so
/// a kept target equals a recomputed one bit for bit. Past <see cref="TeacherTargets.CapacityBytes"/> new targets are computed and not kept.
/// </summary>
public sealed class MlmTeacherTargets(MlmTeacher teacher, double temperature, long capacityBytes = 1L << 30) : TeacherTargets(temperature, capacityBytes)
{
    public MlmTeacher Teacher { get; } = teacher;

    /// <summary>
    /// The targets [masked, vocabulary] of <paramref name="batch"/>, without autograd. A kept tensor belongs to this
    /// object and outlives any dispose scope; one not kept is the caller's, in the caller's scope.
    /// </summary>
    public Tensor For(MlmBatch batch) => For(() => Key(batch.Ids, batch.KeepMask, batch.MaskedPositions), () =>
    {
        using var noGrad = torch.no_grad();
        var hidden = Teacher.Hidden(batch.Ids, batch.KeepMask);
        return Teacher.Logits(hidden.reshape(-1, hidden.size(-1)).index_select(0, batch.MaskedPositions)).div(Temperature).log_softmax(-1);
    });
}
