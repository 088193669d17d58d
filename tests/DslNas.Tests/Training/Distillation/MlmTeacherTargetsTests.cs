using DslNas.Tests.Training.Pretraining;
using DslNas.Torch;
using DslNas.Training.Distillation;
using DslNas.Training.Pretraining;

namespace DslNas.Tests.Training.Distillation;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class MlmTeacherTargetsTests
{
    [Fact]
    public void A_kept_target_is_the_recomputed_one_bit_for_bit_and_the_teacher_runs_once_per_batch()
    {
        using var teacher = TinyCorpus.Model(seed: 5);
        using var targets = new MlmTeacherTargets(MlmTeacher.Of(teacher), temperature: 2);
        using var fresh = new MlmTeacherTargets(MlmTeacher.Of(teacher), temperature: 2, capacityBytes: 0);
        using var first = TinyCorpus.MaskedBatch(epoch: 0);
        using var again = TinyCorpus.MaskedBatch(epoch: 0);
        using var other = TinyCorpus.MaskedBatch(epoch: 1);
        using var scope = torch.NewDisposeScope();

        var kept = targets.For(first).ToArray<float>();
        targets.For(again).ToArray<float>().Should().Equal(kept);
        fresh.For(again).ToArray<float>().Should().Equal(kept);
        targets.For(other).ToArray<float>().Should().NotEqual(kept);

        (targets.Hits, targets.Misses).Should().Be((1, 2));
        targets.KeptBytes.Should().Be((first.MaskedCount + other.MaskedCount) * TinyCorpus.Vocabulary.Count * sizeof(float));
        (fresh.Hits, fresh.Misses, fresh.KeptBytes).Should().Be((0, 1, 0L));
    }

    [Fact]
    public void Students_sharing_targets_get_the_losses_and_gradients_of_students_with_their_own_teacher_runs()
    {
        using var teacher = TinyCorpus.Model(seed: 5);
        using var targets = new MlmTeacherTargets(MlmTeacher.Of(teacher), temperature: 2);
        var losses = new List<double>();
        foreach (var shared in new[] { false, true, true })
        {
            using var student = TinyCorpus.Model(seed: 6, dropout: 0);
            var loss = shared ? new MlmDistillationLoss(student, targets) : new MlmDistillationLoss(student, MlmTeacher.Of(teacher));
            using var batch = TinyCorpus.MaskedBatch(epoch: 0);
            using var scope = torch.NewDisposeScope();
            var value = loss.Loss(batch);
            value.backward();
            losses.Add(value.item<double>());
        }
        losses.Distinct().Should().ContainSingle();
        targets.Misses.Should().Be(1);
        targets.Hits.Should().Be(1);
    }

    [Fact]
    public void Past_its_capacity_a_target_is_computed_and_not_kept()
    {
        using var teacher = TinyCorpus.Model(seed: 5);
        using var first = TinyCorpus.MaskedBatch(epoch: 0);
        var oneBatch = first.MaskedCount * TinyCorpus.Vocabulary.Count * sizeof(float);
        using var targets = new MlmTeacherTargets(MlmTeacher.Of(teacher), temperature: 2, capacityBytes: oneBatch);
        using var other = TinyCorpus.MaskedBatch(epoch: 1);
        using var scope = torch.NewDisposeScope();
        targets.For(first);
        targets.For(other);
        targets.For(other);
        targets.KeptBytes.Should().Be(oneBatch);
        targets.Misses.Should().Be(3);
        var negative = () => new MlmTeacherTargets(MlmTeacher.Of(teacher), temperature: 2, capacityBytes: -1);
        negative.Should().Throw<ArgumentOutOfRangeException>();
    }
}
