using DslNas.Data.Text;
using DslNas.Nn;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training.Distillation;
using DslNas.Training.Pretraining;

namespace DslNas.Spaces.Tests.NasBertMethod;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class PredictionDistillationTests
{
    private static readonly Vocabulary Vocabulary = new(Vocabulary.SpecialTokens.Concat(Enumerable.Range(0, 15).Select(i => $"w{i}")));

    /// <summary>Sequences of a simple rule (each token follows its predecessor), so the masked tokens can be learnt.</summary>
    private static List<int[]> Sequences() => Enumerable.Range(0, 64)
        .Select(i => Enumerable.Range(0, 12).Select(j => Vocabulary.SpecialTokens.Count + (i + j) % 15).ToArray()).ToList();

    private static ExtractedSubnet Student(int firstWidth, int secondWidth) => ExtractedSubnet.Create(
        TinyBlocks.Supernet.Plan(new TinyBlocks { Layers = 4, Heads = 2, Hidden = [firstWidth, firstWidth, secondWidth, secondWidth], Ops = [Op.Attention, Op.Ffn, Op.Attention, Op.Ffn] }),
        new SupernetOptions(Vocabulary.Count, 16, Dropout: 0));

    private static MlmModel Teacher() => new(TransformerEncoderConfig.Uniform(Vocabulary.Count, 16, 32, 2, 2, 64, dropout: 0));

    [Theory]
    [InlineData(16, 32)]
    [InlineData(32, 32)]
    public void Without_the_teacher_term_a_student_of_changing_or_constant_width_learns_the_masked_tokens(int firstWidth, int secondWidth)
    {
        torch.manual_seed(3);
        using var teacher = Teacher();
        using var student = Student(firstWidth, secondWidth);
        var losses = PredictionDistillation.Train(student, MlmTeacher.Of(teacher), Vocabulary, Sequences(),
            new MlmPretrainingOptions(Steps: 60, LearningRate: 3e-3, BatchSize: 16, MaskProbability: 0.3, Seed: 5), lambda: 0);
        losses.Should().HaveCount(60);
        losses.TakeLast(10).Average().Should().BeLessThan(losses.Take(10).Average() * 0.95, "an own head learns the tokens from scratch, slower than a tied one");
    }

    [Theory]
    [InlineData(16, 32)]
    [InlineData(32, 32)]
    public void With_the_teacher_term_alone_a_student_learns_the_teachers_predictions(int firstWidth, int secondWidth)
    {
        torch.manual_seed(3);
        using var teacher = Teacher();
        using var student = Student(firstWidth, secondWidth);
        var losses = PredictionDistillation.Train(student, MlmTeacher.Of(teacher), Vocabulary, Sequences(),
            new MlmPretrainingOptions(Steps: 60, LearningRate: 3e-3, BatchSize: 16, MaskProbability: 0.3, Seed: 5), lambda: 1);
        losses.TakeLast(10).Average().Should().BeLessThan(losses.Take(10).Average() * 0.5);
    }

    [Fact]
    public void The_same_seed_trains_the_same_weights_and_bad_input_is_refused()
    {
        float[] Trained()
        {
            torch.manual_seed(3);
            using var teacher = Teacher();
            var plan = TinyBlocks.Supernet.Plan(new TinyBlocks { Layers = 4, Heads = 2, Hidden = [16, 16, 32, 32], Ops = [Op.SepConv3, Op.Identity, Op.Attention, Op.Ffn] });
            using var student = ExtractedSubnet.Create(plan, new SupernetOptions(Vocabulary.Count, 16, Dropout: 0));
            PredictionDistillation.Train(student, MlmTeacher.Of(teacher), Vocabulary, Sequences(), new MlmPretrainingOptions(Steps: 5, LearningRate: 1e-3, BatchSize: 8, Seed: 5));
            return student.parameters().SelectMany(p => p.detach().ToArray<float>()).ToArray();
        }
        Trained().Should().Equal(Trained());

        using var teacher = new MlmModel(TransformerEncoderConfig.Uniform(Vocabulary.Count + 1, 16, 32, 2, 2, 64));
        using var student = ExtractedSubnet.Create(TinyBlocks.Supernet.Plan(new TinyBlocks { Layers = 4, Heads = 2, Hidden = [32, 32, 32, 32], Ops = [Op.Attention, Op.Ffn, Op.Attention, Op.Ffn] }),
            new SupernetOptions(Vocabulary.Count, 16));
        FluentActions.Invoking(() => PredictionDistillation.Train(student, MlmTeacher.Of(teacher), Vocabulary, Sequences(), new MlmPretrainingOptions(Steps: 1)))
            .Should().Throw<ArgumentException>().WithMessage("*teacher's vocabulary has 21 tokens, the data's 20*");
        FluentActions.Invoking(() => PredictionDistillation.Train(student, MlmTeacher.Of(teacher), Vocabulary, Sequences(), new MlmPretrainingOptions(Steps: 1), lambda: 1.5))
            .Should().Throw<ArgumentOutOfRangeException>();
    }
}
