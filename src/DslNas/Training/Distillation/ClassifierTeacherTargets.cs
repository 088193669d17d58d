using DslNas.Nn;
using DslNas.Torch;
using DslNas.Torch.Nn;

namespace DslNas.Training.Distillation;

/// <summary>
/// A classifier teacher's soft targets of a batch, log-softmax(t/τ) of its class logits, kept for the batches seen
/// before: students trained on the same batches in the same order (a run's searched model and its uniform baseline,
/// NAS-BERT's models of every budget) pay for the teacher's forward once. A batch is recognised by its ids and
/// keep-mask; the teacher runs in eval mode, so a kept target equals a recomputed one bit for bit. Class targets are
/// small (a batch of 16 over 10 classes is 640 bytes), so the default capacity keeps every batch of a run.
/// </summary>
public sealed class ClassifierTeacherTargets(ISequenceClassifier teacher, double temperature, long capacityBytes = 256L << 20) : TeacherTargets(temperature, capacityBytes)
{
    public ISequenceClassifier Teacher { get; } = teacher;

    /// <summary>
    /// The targets [batch, classes] of a batch, without autograd, with the teacher in eval mode. A kept tensor belongs
    /// to this object and outlives any dispose scope; one not kept is the caller's, in the caller's scope.
    /// </summary>
    public Tensor For(Tensor ids, Tensor keepMask) => For(() => Key(ids, keepMask), () =>
    {
        if (Teacher is Module module) module.eval();
        using var noGrad = torch.no_grad();
        return Teacher.Classify(ids, keepMask).div(Temperature).log_softmax(-1);
    });
}
