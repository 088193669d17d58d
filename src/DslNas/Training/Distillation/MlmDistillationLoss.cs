using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training.Pretraining;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Training.Distillation;

/// <summary>
/// Bort's pre-training loss (de Wynter and Perry 2020; the authors' pretraining_distillation_utils): over the masked
/// positions M, with student logits z, teacher logits t and temperature τ,
/// L = hard · CE(z, y) + soft · τ² · KL(softmax(t/τ) ‖ softmax(z/τ)), both averaged over M. This is the clean port:
/// the KL term takes log-softmax(z/τ), where the authors' MXNet code applied a softmax first (docs/bort.md).
/// The teacher's logits are its own MLM head's (<see cref="MlmTeacher"/>); it runs in eval mode without autograd, and
/// students that train on the same batches can share its targets (<see cref="MlmTeacherTargets"/>).
/// </summary>
public sealed class MlmDistillationLoss
{
    private readonly MlmModel student;
    private readonly MlmTeacherTargets targets;

    public MlmDistillationLoss(MlmModel student, MlmTeacher teacher, double temperature = 2.0, double hardWeight = 0.1, double softWeight = 0.5)
        : this(student, new MlmTeacherTargets(teacher, temperature, capacityBytes: 0), hardWeight, softWeight)
    {
    }

    /// <summary>A loss whose teacher targets come from <paramref name="targets"/>, which may be shared between students.</summary>
    public MlmDistillationLoss(MlmModel student, MlmTeacherTargets targets, double hardWeight = 0.1, double softWeight = 0.5)
    {
        if (hardWeight < 0 || softWeight < 0 || hardWeight + softWeight == 0)
            throw new ArgumentException($"the weights must not be negative and not both zero, got hard {hardWeight} and soft {softWeight}");
        if (student.Config.VocabularySize != targets.Teacher.VocabularySize)
            throw new ArgumentException($"the student's vocabulary has {student.Config.VocabularySize} tokens, the teacher's {targets.Teacher.VocabularySize}");
        this.student = student;
        this.targets = targets;
        Temperature = targets.Temperature;
        HardWeight = hardWeight;
        SoftWeight = softWeight;
    }

    public double Temperature { get; }
    public double HardWeight { get; }
    public double SoftWeight { get; }

    /// <summary>The loss of one masked batch, to minimise over the student's parameters.</summary>
    public Tensor Loss(MlmBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        var hidden = student.encoder.forward(batch.Ids, batch.KeepMask);
        var logits = student.Decode(hidden.reshape(-1, hidden.size(-1)).index_select(0, batch.MaskedPositions));
        var target = targets.For(batch);
        var hard = F.cross_entropy(logits, batch.MaskedLabels);
        var soft = F.kl_div(logits.div(Temperature).log_softmax(-1), target, Reduction.None, log_target: true).sum(-1).mean();
        return hard.mul(HardWeight).add(soft.mul(SoftWeight * Temperature * Temperature)).MoveToOuterDisposeScope();
    }
}
