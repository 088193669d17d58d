using DslNas.Data.Tasks;
using DslNas.Torch;
using DslNas.Training.Pretraining;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Tests.Training.Pretraining;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class MlmPretrainingTests
{
    private static MlmPretrainingOptions Options(int steps, int checkpointEvery = 0) =>
        new(Steps: steps, LearningRate: 3e-3, WarmupFraction: 0.1, BatchSize: 8, Seed: 4, CheckpointEvery: checkpointEvery);

    [Fact]
    public void Masks_are_drawn_afresh_each_epoch_and_again_the_same_for_the_same_seed()
    {
        var sequences = TinyCorpus.Sequences(60, 1);
        using var model = TinyCorpus.Model(1);
        using var trainer = new MlmPretrainer(model, TinyCorpus.Vocabulary, sequences, Options(10));
        using var again = new MlmPretrainer(model, TinyCorpus.Vocabulary, sequences, Options(10));
        using var otherSeed = new MlmPretrainer(model, TinyCorpus.Vocabulary, sequences, Options(10) with { Seed = 5 });
        for (var index = 0; index < sequences.Count; index++)
        {
            again.Masked(0, index).Labels.Should().Equal(trainer.Masked(0, index).Labels);
            again.Masked(3, index).Inputs.Should().Equal(trainer.Masked(3, index).Inputs);
        }
        static string Labels((int[] Inputs, int[] Labels) masked) => string.Join(",", masked.Labels);
        var differ = Enumerable.Range(0, sequences.Count).Count(i => Labels(trainer.Masked(0, i)) != Labels(trainer.Masked(1, i)));
        differ.Should().BeGreaterThan(sequences.Count * 9 / 10, "every epoch draws new masks");
        Enumerable.Range(0, sequences.Count).Count(i => Labels(trainer.Masked(0, i)) != Labels(otherSeed.Masked(0, i)))
            .Should().BeGreaterThan(sequences.Count * 9 / 10, "another seed draws other masks");
        var chosen = Enumerable.Range(0, sequences.Count).SelectMany(i => trainer.Masked(2, i).Labels).ToArray();
        var ordinary = sequences.SelectMany(s => s).Count(id => id >= DslNas.Data.Text.Vocabulary.SpecialTokens.Count);
        (chosen.Count(l => l != MaskedLanguageModeling.Ignore) / (double)ordinary).Should().BeApproximately(0.15, 0.04);
    }

    [Fact]
    public void Pre_training_lowers_the_held_out_loss_on_a_repetitive_language()
    {
        using var model = TinyCorpus.Model(2);
        var evaluation = new MlmEvaluation(TinyCorpus.Sequences(200, 99), TinyCorpus.Vocabulary, seed: 3);
        var before = evaluation.Evaluate(model);
        before.Perplexity.Should().BeApproximately(Math.Exp(before.Loss), 1e-9);
        evaluation.Evaluate(model).Should().Be(before, "held-out masks are fixed");

        var losses = new List<double>();
        using (var trainer = new MlmPretrainer(model, TinyCorpus.Vocabulary, TinyCorpus.Sequences(300, 1), Options(200) with { BatchSize = 32, LearningRate = 5e-3 }))
            trainer.Train(progress: (_, loss) => losses.Add(loss));
        losses.Should().HaveCount(200);

        var after = evaluation.Evaluate(model);
        after.MaskedTokens.Should().Be(before.MaskedTokens);
        after.Loss.Should().BeLessThan(before.Loss / 3, "a masked word follows from its neighbours");
        after.Accuracy.Should().BeGreaterThan(0.75);
        after.Perplexity.Should().BeLessThan(before.Perplexity / 5);
    }

    [Fact]
    public void The_loss_decodes_only_masked_positions_and_equals_the_cross_entropy_over_all_logits()
    {
        using var model = TinyCorpus.Model(3);
        model.eval();
        using var trainer = new MlmPretrainer(model, TinyCorpus.Vocabulary, TinyCorpus.Sequences(30, 2), Options(1));
        using var batch = MlmBatch.Make(Enumerable.Range(0, 6).Select(i => trainer.Masked(0, i)).ToArray(), TinyCorpus.Vocabulary.PaddingId);
        using var scope = torch.NewDisposeScope();
        var logits = model.forward(batch.Ids, batch.KeepMask);
        var expected = F.cross_entropy(logits.reshape(-1, logits.size(-1)), batch.Labels.reshape(-1), ignore_index: MaskedLanguageModeling.Ignore);
        batch.MaskedCount.Should().BeGreaterThan(0);
        model.MaskedLoss(batch).item<double>().Should().BeApproximately(expected.item<double>(), 1e-5);
        var evaluation = new MlmEvaluation(TinyCorpus.Sequences(20, 5), TinyCorpus.Vocabulary, seed: 1, batchSize: 7);
        var decodedEverywhere = evaluation.Evaluate((ids, mask) => model.forward(ids, mask));
        var decodedWhereMasked = evaluation.Evaluate(model);
        decodedWhereMasked.Loss.Should().BeApproximately(decodedEverywhere.Loss, 1e-5);
        (decodedWhereMasked.Accuracy, decodedWhereMasked.MaskedTokens).Should().Be((decodedEverywhere.Accuracy, decodedEverywhere.MaskedTokens));
    }

    [Fact]
    public void Sequences_the_model_cannot_take_are_refused()
    {
        using var model = TinyCorpus.Model(1);
        FluentActions.Invoking(() => new MlmPretrainer(model, TinyCorpus.Vocabulary, [new int[40]], Options(1)))
            .Should().Throw<ArgumentException>().WithMessage("*sequence 0 has 40 tokens; the model takes 1 to 32*");
        FluentActions.Invoking(() => new MlmPretrainer(model, TinyCorpus.Vocabulary, [[2, 99, 3]], Options(1)))
            .Should().Throw<ArgumentException>().WithMessage("*sequence 0 holds an id outside the vocabulary [0, 25)*");
        FluentActions.Invoking(() => new MlmPretrainer(model, TinyCorpus.Vocabulary, [[2, 5, 3]], Options(1) with { MaskProbability = 1.5 }))
            .Should().Throw<ArgumentException>().WithMessage("*MaskProbability must lie in (0, 1), got 1.5*");
    }
}
