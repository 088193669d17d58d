using DslNas.Data.Tasks;
using DslNas.Data.Text;
using DslNas.Torch;

namespace DslNas.Tests.Data;

public sealed class MaskedLanguageModelingTests
{
    private static readonly Vocabulary Vocab = new(Vocabulary.SpecialTokens.Concat(Enumerable.Range(0, 95).Select(i => $"w{i}")));

    [Fact]
    public void Fifteen_percent_are_chosen_and_split_80_10_10()
    {
        var masking = new MaskedLanguageModeling(Vocab);
        var ids = Enumerable.Range(0, 200_000).Select(i => 5 + i % 95).ToArray();
        var (inputs, labels) = masking.Mask(ids, new Random(3));
        var chosen = Enumerable.Range(0, ids.Length).Where(i => labels[i] != MaskedLanguageModeling.Ignore).ToArray();
        (chosen.Length / (double)ids.Length).Should().BeApproximately(0.15, 0.003);
        chosen.Should().OnlyContain(i => labels[i] == ids[i]);
        (chosen.Count(i => inputs[i] == Vocab.MaskId) / (double)chosen.Length).Should().BeApproximately(0.8, 0.01);
        (chosen.Count(i => inputs[i] == ids[i]) / (double)chosen.Length).Should().BeApproximately(0.1 + 0.1 / 95, 0.01);
        Enumerable.Range(0, ids.Length).Where(i => labels[i] == MaskedLanguageModeling.Ignore).Should().OnlyContain(i => inputs[i] == ids[i]);
    }

    [Fact]
    public void Special_tokens_and_padding_are_never_chosen()
    {
        var masking = new MaskedLanguageModeling(Vocab, probability: 1.0);
        var (_, labels) = masking.Mask([Vocab.ClassificationId, 7, 8, Vocab.SeparatorId, Vocab.PaddingId], new Random(1));
        labels.Should().Equal(MaskedLanguageModeling.Ignore, 7, 8, MaskedLanguageModeling.Ignore, MaskedLanguageModeling.Ignore);
    }

    [Fact]
    public void Score_counts_only_chosen_positions()
    {
        using var scope = torch.NewDisposeScope();
        var logits = torch.tensor(new float[] { 5, 0, 0, /**/ 0, 5, 0, /**/ 0, 0, 5, /**/ 5, 0, 0 }, [1, 4, 3]);
        var labels = torch.tensor(new long[] { 0, 2, MaskedLanguageModeling.Ignore, 1 }, [1, 4]);
        var (loss, accuracy, count) = MaskedLanguageModeling.Score(logits, labels);
        count.Should().Be(3);
        accuracy.Should().BeApproximately(1 / 3.0, 1e-9);
        var right = -Math.Log(Math.Exp(5) / (Math.Exp(5) + 2));
        var wrong = -Math.Log(1 / (Math.Exp(5) + 2));
        loss.Should().BeApproximately((right + 2 * wrong) / 3, 1e-5);
    }
}
