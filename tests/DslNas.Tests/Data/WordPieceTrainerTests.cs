using DslNas.Data.Text;

namespace DslNas.Tests.Data;

public sealed class WordPieceTrainerTests
{
    private static readonly string[] Corpus =
    [
        "the runner was running and the runners ran", "running is fun; the runner runs", "unrunnable runs are rare",
        "the the the running running runner", "fun fun fun", "Rare RUNNERS rarely run",
    ];

    [Fact]
    public void Frequent_words_become_single_pieces_and_every_word_stays_encodable()
    {
        var vocabulary = new WordPieceTrainer(vocabularySize: 60, minFrequency: 2).Train(Corpus);
        vocabulary.Tokens.Take(5).Should().Equal(Vocabulary.SpecialTokens);
        vocabulary.Tokens.Should().Contain(["the", "fun"]);
        vocabulary.Count.Should().BeLessThanOrEqualTo(60);
        var tokenizer = new WordPieceTokenizer(vocabulary);
        foreach (var text in Corpus) tokenizer.Encode(text).Should().NotContain(vocabulary.UnknownId, "every character of the corpus is in the alphabet");
        tokenizer.Tokens("the").Should().Equal("the");
        tokenizer.Tokens("running").Should().HaveCountLessThan(4);
    }

    [Fact]
    public void Training_is_deterministic_and_stops_at_the_size()
    {
        var a = new WordPieceTrainer(40).Train(Corpus);
        var b = new WordPieceTrainer(40).Train(Corpus);
        a.Tokens.Should().Equal(b.Tokens);
        a.Count.Should().Be(40);
    }

    [Fact]
    public void A_vocabulary_no_larger_than_the_special_tokens_is_refused() =>
        FluentActions.Invoking(() => new WordPieceTrainer(5).Train(Corpus)).Should().Throw<ArgumentOutOfRangeException>();
}
