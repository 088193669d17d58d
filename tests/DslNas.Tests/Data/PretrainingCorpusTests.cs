using DslNas.Data.Corpora;

namespace DslNas.Tests.Data;

public sealed class PretrainingCorpusTests
{
    private static List<LabelledExample> Texts(params string[] texts) => texts.Select(t => new LabelledExample(t, "x")).ToList();

    [Fact]
    public void Training_texts_leave_out_every_held_out_text_of_any_set_and_repeats()
    {
        var first = new DatasetSplits("first", Texts("a", "b", "c"), Texts("v1"), Texts("d"));
        var second = new DatasetSplits("second", Texts("d", "e", "a", "v1"), Texts("f"), Texts("g"));
        PretrainingCorpus.TrainingTexts(first, second).Should().Equal("a", "b", "c", "e");
        FluentActions.Invoking(() => PretrainingCorpus.TrainingTexts()).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void The_shipped_corpora_give_their_training_texts_and_no_held_out_text()
    {
        var spam = SpamAssassin.Shipped();
        var sotu = StateOfTheUnion.Shipped();
        var texts = PretrainingCorpus.TrainingTexts(spam, sotu);
        var heldOut = new[] { spam, sotu }.SelectMany(s => s.Validation.Concat(s.Test)).Select(e => e.Text).ToHashSet();
        texts.Should().NotContain(t => heldOut.Contains(t));
        texts.Should().HaveCount(spam.Train.Count + sotu.Train.Count);
        texts.Should().Contain(sotu.Train[0].Text).And.Contain(spam.Train[^1].Text);
    }
}
