using DslNas.Data.Batching;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training;
using DslNas.Training.Distillation;

namespace DslNas.Tests.Training.Distillation;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class ClassifierTeacherTargetsTests
{
    private static SequenceClassifier Model(int seed)
    {
        torch.manual_seed(seed);
        return new SequenceClassifier(TransformerEncoderConfig.Uniform(20, 16, 32, 2, 2, 64, dropout: 0.1), 2);
    }

    private static ClassifierTrainingOptions Options(int steps) => new(Steps: steps, LearningRate: 3e-3, Seed: 5, DistillationWeight: 0.5, Temperature: 2.0);

    [Fact]
    public void A_kept_target_is_the_recomputed_one_bit_for_bit_and_the_teacher_runs_once_per_batch()
    {
        using var teacher = Model(seed: 3);
        teacher.train();
        using var targets = new ClassifierTeacherTargets(teacher, temperature: 2);
        using var fresh = new ClassifierTeacherTargets(teacher, temperature: 2, capacityBytes: 0);
        var examples = ClassifierDistillationTests.Texts(40, 1);
        var batcher = new Batcher(16, paddingId: 0);
        using var first = batcher.Make(examples, [0, 1, 2, 3]);
        using var again = batcher.Make(examples, [0, 1, 2, 3]);
        using var other = batcher.Make(examples, [4, 5, 6, 7]);
        using var scope = torch.NewDisposeScope();

        var kept = targets.For(first.Ids, first.KeepMask).ToArray<float>();
        targets.For(again.Ids, again.KeepMask).ToArray<float>().Should().Equal(kept);
        fresh.For(again.Ids, again.KeepMask).ToArray<float>().Should().Equal(kept, "the teacher runs in eval mode, without dropout");
        targets.For(other.Ids, other.KeepMask).ToArray<float>().Should().NotEqual(kept);

        (targets.Hits, targets.Misses).Should().Be((1, 2));
        targets.KeptBytes.Should().Be(2 * 4 * 2 * sizeof(float));
        (fresh.Hits, fresh.Misses, fresh.KeptBytes).Should().Be((0, 1, 0L));
    }

    [Fact]
    public void Students_sharing_targets_train_exactly_as_students_with_their_own_teacher_runs()
    {
        const int steps = 12;
        using var teacher = Model(seed: 3);
        using var targets = new ClassifierTeacherTargets(teacher, temperature: 2);
        var examples = ClassifierDistillationTests.Texts(100, 1);
        var runs = new List<List<double>>();
        var misses = new List<int>();
        foreach (var shared in new[] { false, true, true })
        {
            using var student = Model(seed: 4);
            var batcher = new Batcher(16, paddingId: 0);
            var training = shared ? new ClassifierTraining(student, batcher, Options(steps), targets) : new ClassifierTraining(student, batcher, Options(steps), teacher);
            var losses = new List<double>();
            training.Train(examples, (_, loss) => losses.Add(loss));
            runs.Add(losses);
            misses.Add(targets.Misses);
        }
        runs[1].Should().Equal(runs[0]);
        runs[2].Should().Equal(runs[0]);
        misses[1].Should().BeInRange(1, steps);
        misses[2].Should().Be(misses[1], "the second student trains on the first one's batches");
        (targets.Misses + targets.Hits).Should().Be(2 * steps);
    }

    [Fact]
    public void Targets_at_another_temperature_than_the_training_options_are_refused()
    {
        using var teacher = Model(seed: 3);
        using var student = Model(seed: 4);
        using var targets = new ClassifierTeacherTargets(teacher, temperature: 1);
        var act = () => new ClassifierTraining(student, new Batcher(16, paddingId: 0), Options(1), targets);
        act.Should().Throw<ArgumentException>().WithMessage("*temperature 2*1*");
        var negative = () => new ClassifierTeacherTargets(teacher, temperature: 0);
        negative.Should().Throw<ArgumentOutOfRangeException>();
    }
}
