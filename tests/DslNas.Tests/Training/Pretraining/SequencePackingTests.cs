using DslNas.Data.Text;
using DslNas.Training.Pretraining;

namespace DslNas.Tests.Training.Pretraining;

public sealed class SequencePackingTests
{
    private static readonly Vocabulary Vocab = TinyCorpus.Vocabulary;
    private static readonly int Cls = Vocab.ClassificationId;
    private static readonly int Sep = Vocab.SeparatorId;

    private static int W(int i) => Vocab[$"w{i}"];

    [Fact]
    public void Texts_run_on_across_sequences_with_a_separator_between_them()
    {
        int[][] texts = [[W(1), W(2), W(3)], [], [W(4), W(5), W(6), W(7), W(8), W(9)], [W(10)]];
        var packed = SequencePacking.Pack(texts, Vocab, maxLength: 6);
        packed.Should().HaveCount(3);
        packed[0].Should().Equal(Cls, W(1), W(2), W(3), Sep, Sep);
        packed[1].Should().Equal(Cls, W(4), W(5), W(6), W(7), Sep);
        packed[2].Should().Equal(Cls, W(8), W(9), Sep, W(10), Sep);
    }

    [Fact]
    public void A_text_that_ends_with_a_sequence_needs_no_second_separator()
    {
        int[][] texts = [[W(1), W(2), W(3), W(4)], [W(5), W(6)]];
        var packed = SequencePacking.Pack(texts, Vocab, maxLength: 6);
        packed[0].Should().Equal(Cls, W(1), W(2), W(3), W(4), Sep);
        packed[1].Should().Equal(Cls, W(5), W(6), Sep);
    }

    [Fact]
    public void Every_sequence_but_the_last_has_the_maximum_length_and_no_piece_is_lost()
    {
        var texts = TinyCorpus.Texts(200, 1);
        var packed = SequencePacking.Pack(texts, TinyCorpus.Tokenizer, maxLength: 16);
        packed.SkipLast(1).Should().OnlyContain(s => s.Length == 16);
        packed[^1].Length.Should().BeInRange(3, 16);
        packed.Should().OnlyContain(s => s.First() == Cls && s.Last() == Sep);
        var pieces = packed.SelectMany(s => s[1..^1]).Where(id => id != Sep).ToArray();
        pieces.Should().Equal(texts.SelectMany(TinyCorpus.Tokenizer.Encode));
    }

    [Fact]
    public void A_length_without_room_for_a_piece_is_refused()
    {
        FluentActions.Invoking(() => SequencePacking.Pack([[W(1)]], Vocab, maxLength: 2))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*[CLS], at least one piece and [SEP]*");
    }
}
