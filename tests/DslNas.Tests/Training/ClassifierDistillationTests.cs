using DslNas.Data.Batching;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training;

namespace DslNas.Tests.Training;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class ClassifierDistillationTests
{
    /// <summary>Texts whose true label is 1 when token 7 occurs; with <paramref name="randomLabels"/> the labels are coin flips instead.</summary>
    internal static List<EncodedExample> Texts(int count, int seed, bool randomLabels = false)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var ids = new[] { 2 }.Concat(Enumerable.Range(0, random.Next(4, 12)).Select(_ => random.Next(5, 20))).Append(3).ToArray();
            return new EncodedExample(ids, randomLabels ? random.Next(2) : ids.Contains(7) ? 1 : 0);
        }).ToList();
    }

    private static SequenceClassifier Model(int seed)
    {
        torch.manual_seed(seed);
        return new SequenceClassifier(TransformerEncoderConfig.Uniform(20, 16, 32, 2, 2, 64, dropout: 0.0), 2);
    }

    private static ClassifierTraining Training(SequenceClassifier model, int steps, double weight = 0, SequenceClassifier? teacher = null) =>
        new(model, new Batcher(16, paddingId: 0), new ClassifierTrainingOptions(Steps: steps, LearningRate: 3e-3, Seed: 5, DistillationWeight: weight, Temperature: 2.0), teacher);

    [Fact]
    public void A_student_distilled_on_random_labels_learns_the_teachers_rule_instead()
    {
        using var teacher = Model(seed: 3);
        var teaching = Training(teacher, 150);
        teaching.Train(Texts(400, 1));
        teaching.Evaluate(Texts(200, 2), classes: 2).Accuracy.Should().BeGreaterThan(0.9, "the teacher learns the rule from true labels");

        using var distilled = Model(seed: 4);
        var distillation = Training(distilled, 150, weight: 1.0, teacher);
        distillation.Train(Texts(400, 1, randomLabels: true));
        distillation.Evaluate(Texts(200, 2), classes: 2).Accuracy.Should().BeGreaterThan(0.85,
            "with the whole loss on the teacher, the (random) labels are ignored and the teacher's rule is learnt");

        using var fromLabels = Model(seed: 4);
        var labelsOnly = Training(fromLabels, 150);
        labelsOnly.Train(Texts(400, 1, randomLabels: true));
        labelsOnly.Evaluate(Texts(200, 2), classes: 2).Accuracy.Should().BeLessThan(0.75, "random labels teach no rule");
    }

    [Fact]
    public void A_distillation_weight_of_zero_trains_exactly_as_without_a_teacher()
    {
        double LastLoss(SequenceClassifier? teacher)
        {
            using var student = Model(seed: 4);
            var last = double.NaN;
            Training(student, 20, weight: 0.0, teacher).Train(Texts(100, 1), (_, loss) => last = loss);
            return last;
        }
        using var teacher = Model(seed: 3);
        LastLoss(teacher).Should().Be(LastLoss(null));
    }

    [Theory]
    [InlineData(-0.1, 1.0)]
    [InlineData(1.5, 1.0)]
    [InlineData(0.5, 0.0)]
    public void Out_of_range_distillation_settings_are_refused(double weight, double temperature)
    {
        using var student = Model(seed: 4);
        var training = new ClassifierTraining(student, new Batcher(16, paddingId: 0),
            new ClassifierTrainingOptions(Steps: 1, DistillationWeight: weight, Temperature: temperature));
        var act = () => training.Train(Texts(10, 1));
        act.Should().Throw<ArgumentException>();
    }
}
