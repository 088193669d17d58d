using DslNas.Data.Text;
using DslNas.Nn;
using DslNas.Torch;
using DslNas.Training.Pretraining;

namespace DslNas.Spaces.Tests;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class SupernetMlmPretrainingTests : IDisposable
{
    private static readonly Vocabulary Words = new(Vocabulary.SpecialTokens.Concat(Enumerable.Range(0, 20).Select(i => $"w{i}")));
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-supernet-mlm").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>Texts that repeat one word 4 to 11 times, so that a masked word follows from its neighbours.</summary>
    private static List<int[]> Sequences(int count, int seed)
    {
        var random = new Random(seed);
        var texts = Enumerable.Range(0, count).Select(_ => string.Join(" ", Enumerable.Repeat($"w{random.Next(20)}", random.Next(4, 12)))).ToList();
        return SequencePacking.Pack(texts, new WordPieceTokenizer(Words), 24);
    }

    private static TinyChoices.Supernet NewSupernet(int seed)
    {
        torch.manual_seed(seed);
        return new TinyChoices.Supernet(new SupernetOptions(Words.Count, 32, Classes: 2, Dropout: 0.1));
    }

    private static MlmPretrainingOptions Options(int steps, int checkpointEvery = 0) =>
        new(Steps: steps, LearningRate: 5e-3, BatchSize: 32, Seed: 4, CheckpointEvery: checkpointEvery);

    private static MlmScore Score(Supernet net, MlmEvaluation evaluation, bool largest)
    {
        net.eval();
        var plan = TinyChoices.Space.Engine.Plan(TinyChoices.Space.Engine.Extreme(largest));
        return evaluation.Evaluate((ids, keepMask) => net.MaskedLanguageModel(ids, keepMask, plan));
    }

    [Fact]
    public void Pre_training_teaches_the_largest_from_the_tokens_and_the_smallest_from_the_largest()
    {
        using var net = NewSupernet(2);
        var evaluation = new MlmEvaluation(Sequences(200, 99), Words, seed: 3);
        var (largestBefore, smallestBefore) = (Score(net, evaluation, true), Score(net, evaluation, false));
        var losses = new List<double>();
        using (var trainer = new SupernetMlmPretrainer(net, Words, Sequences(300, 1), Options(200), randomSubnets: 1))
            trainer.Train(progress: (_, loss) => losses.Add(loss));
        losses.Should().HaveCount(200);
        Score(net, evaluation, true).Loss.Should().BeLessThan(largestBefore.Loss * 0.75, "a masked word follows from its neighbours");
        Score(net, evaluation, false).Loss.Should().BeLessThan(smallestBefore.Loss * 0.75, "the smallest learns the largest's predictions");
    }

    [Fact]
    public void A_resumed_pre_training_ends_with_exactly_the_weights_of_an_uninterrupted_one()
    {
        static float[][] Weights(Supernet net) => net.parameters().Select(p => p.ToArray<float>()).ToArray();
        var sequences = Sequences(60, 5);
        using var straight = NewSupernet(3);
        using (var trainer = new SupernetMlmPretrainer(straight, Words, sequences, Options(8)))
            trainer.Train();

        var checkpoint = Path.Combine(directory, "supernet-mlm.safetensors");
        using var first = NewSupernet(3);
        using (var trainer = new SupernetMlmPretrainer(first, Words, sequences, Options(8, checkpointEvery: 100)))
        {
            trainer.Train(untilStep: 5);
            SupernetMlmCheckpoint.Save(trainer, checkpoint);
        }
        using var resumed = NewSupernet(11);
        using (var trainer = new SupernetMlmPretrainer(resumed, Words, sequences, Options(8, checkpointEvery: 100)))
        {
            SupernetMlmCheckpoint.Load(trainer, checkpoint);
            trainer.Step.Should().Be(5);
            trainer.Train();
        }
        Weights(resumed).Should().BeEquivalentTo(Weights(straight), o => o.WithStrictOrdering());

        using var other = NewSupernet(3);
        using var otherData = new SupernetMlmPretrainer(other, Words, Sequences(60, 6), Options(8, checkpointEvery: 100));
        var act = () => SupernetMlmCheckpoint.Load(otherData, checkpoint);
        act.Should().Throw<InvalidDataException>().WithMessage("*data*");
    }

    [Fact]
    public void A_space_whose_hidden_size_varies_per_layer_is_refused_with_the_reason()
    {
        torch.manual_seed(1);
        using var net = new TinyBlocks.Supernet(new SupernetOptions(Words.Count, 32));
        var act = () => new SupernetMlmPretrainer(net, Words, Sequences(10, 1), Options(2));
        act.Should().Throw<ArgumentException>().WithMessage("*hidden size per layer*");
    }
}
