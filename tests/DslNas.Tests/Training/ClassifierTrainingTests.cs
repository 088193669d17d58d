using DslNas.Data.Batching;
using DslNas.Nn;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training;

namespace DslNas.Tests.Training;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class ClassifierTrainingTests
{
    /// <summary>Label 1 when token 7 occurs: learnable only by looking past the first position.</summary>
    private static List<EncodedExample> Task(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var length = random.Next(4, 12);
            var ids = new[] { 2 }.Concat(Enumerable.Range(0, length).Select(_ => random.Next(5, 20))).Append(3).ToArray();
            return new EncodedExample(ids, ids.Contains(7) ? 1 : 0);
        }).ToList();
    }

    private static (double Accuracy, double Loss) TrainOnce(int steps, MatmulPrecision precision = MatmulPrecision.Float32)
    {
        using var products = torch.matmul_precision(precision);
        torch.manual_seed(5);
        using var model = new SequenceClassifier(TransformerEncoderConfig.Uniform(20, 16, 32, 2, 2, 64, dropout: 0.0), 2);
        var training = new ClassifierTraining(model, new Batcher(16, paddingId: 0), new ClassifierTrainingOptions(Steps: steps, LearningRate: 3e-3, Seed: 5));
        var lastLoss = double.NaN;
        training.Train(Task(400, 1), (_, loss) => lastLoss = loss);
        return (training.Evaluate(Task(200, 2), classes: 2, positiveClass: 1).Accuracy, lastLoss);
    }

    [Fact]
    public void Training_learns_a_token_level_rule_and_is_reproducible()
    {
        var (accuracy, loss) = TrainOnce(150);
        accuracy.Should().BeGreaterThan(0.9, "the rule is learnable by a two-layer encoder");
        TrainOnce(150).Loss.Should().Be(loss, "the same seed gives the same run");
    }

    [Fact]
    public void Training_with_bfloat16_products_learns_the_rule_too_and_is_reproducible()
    {
        var (accuracy, loss) = TrainOnce(150, MatmulPrecision.BFloat16);
        accuracy.Should().BeGreaterThan(0.9);
        TrainOnce(150, MatmulPrecision.BFloat16).Loss.Should().Be(loss);
        loss.Should().NotBe(TrainOnce(150).Loss, "the products were computed in bfloat16");
    }

    [Fact]
    public void Evaluation_scores_in_float32_whatever_the_callers_precision()
    {
        torch.manual_seed(6);
        using var model = new PrecisionSpy(new SequenceClassifier(TransformerEncoderConfig.Uniform(20, 16, 32, 2, 2, 64, dropout: 0.0), 2));
        var training = new ClassifierTraining(model, new Batcher(16, paddingId: 0), new ClassifierTrainingOptions(Steps: 1));
        var exact = training.Evaluate(Task(300, 3), classes: 2, positiveClass: 1);
        using var low = torch.matmul_precision(MatmulPrecision.BFloat16);
        training.Evaluate(Task(300, 3), classes: 2, positiveClass: 1).Should().BeEquivalentTo(exact);
        model.Seen.Should().NotBeEmpty().And.AllBeEquivalentTo(MatmulPrecision.Float32);
        torch.get_matmul_precision().Should().Be(MatmulPrecision.BFloat16, "the caller's precision is restored");
    }

    /// <summary>A classifier that records the matrix-product precision each forward pass ran with.</summary>
    private sealed class PrecisionSpy : Module, ISequenceClassifier
    {
        private readonly SequenceClassifier inner;

        public PrecisionSpy(SequenceClassifier inner) => this.inner = register_module(nameof(inner), inner);

        public List<MatmulPrecision> Seen { get; } = [];

        public Tensor Classify(Tensor ids, Tensor? keepMask)
        {
            Seen.Add(torch.get_matmul_precision());
            return inner.Classify(ids, keepMask);
        }
    }
}
