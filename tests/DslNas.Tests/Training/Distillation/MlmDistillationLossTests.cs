using DslNas.Tests.Training.Pretraining;
using DslNas.Torch;
using DslNas.Training.Distillation;
using DslNas.Training.Pretraining;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Tests.Training.Distillation;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class MlmDistillationLossTests
{
    [Fact]
    public void A_student_equal_to_the_teacher_has_no_distillation_term_left_only_the_weighted_cross_entropy()
    {
        using var student = TinyCorpus.Model(seed: 3, dropout: 0);
        student.eval();
        using var batch = TinyCorpus.MaskedBatch();
        using var scope = torch.NewDisposeScope();
        var loss = new MlmDistillationLoss(student, MlmTeacher.Of(student)).Loss(batch).item<double>();
        var crossEntropy = student.MaskedLoss(batch).item<double>();
        loss.Should().BeApproximately(0.1 * crossEntropy, 1e-5);
    }

    [Fact]
    public void The_loss_is_bort_s_weighted_cross_entropy_plus_the_temperature_scaled_kl_over_masked_tokens()
    {
        using var teacher = TinyCorpus.Model(seed: 5, dropout: 0);
        using var student = TinyCorpus.Model(seed: 6, dropout: 0);
        student.eval();
        using var batch = TinyCorpus.MaskedBatch();
        using var scope = torch.NewDisposeScope();
        const double tau = 3;
        var loss = new MlmDistillationLoss(student, MlmTeacher.Of(teacher), temperature: tau, hardWeight: 0.2, softWeight: 0.7).Loss(batch).item<double>();

        var studentLogits = student.forward(batch.Ids, batch.KeepMask).reshape(-1, TinyCorpus.Vocabulary.Count).index_select(0, batch.MaskedPositions);
        var teacherLogits = teacher.forward(batch.Ids, batch.KeepMask)
            .reshape(-1, TinyCorpus.Vocabulary.Count).index_select(0, batch.MaskedPositions);
        var (z, t) = (studentLogits.div(tau).softmax(-1).ToArray<float>(), teacherLogits.div(tau).softmax(-1).ToArray<float>());
        var vocabulary = TinyCorpus.Vocabulary.Count;
        var rows = z.Length / vocabulary;
        double kl = 0;
        for (var i = 0; i < z.Length; i++) kl += t[i] * (Math.Log(t[i]) - Math.Log(z[i]));
        var expected = 0.2 * F.cross_entropy(studentLogits, batch.MaskedLabels).item<double>() + 0.7 * tau * tau * kl / rows;
        loss.Should().BeApproximately(expected, 1e-4);
        kl.Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_teacher_of_another_vocabulary_and_bad_weights_are_refused()
    {
        using var student = TinyCorpus.Model(seed: 3);
        using var other = new MlmModel(DslNas.Torch.Nn.TransformerEncoderConfig.Uniform(TinyCorpus.Vocabulary.Count + 1, 32, 32, 1, 2, 64));
        var mismatch = () => new MlmDistillationLoss(student, MlmTeacher.Of(other));
        mismatch.Should().Throw<ArgumentException>().WithMessage("*vocabulary*");
        var temperature = () => new MlmDistillationLoss(student, MlmTeacher.Of(student), temperature: 0);
        temperature.Should().Throw<ArgumentOutOfRangeException>();
        var weights = () => new MlmDistillationLoss(student, MlmTeacher.Of(student), hardWeight: 0, softWeight: 0);
        weights.Should().Throw<ArgumentException>().WithMessage("*not both zero*");
    }
}
