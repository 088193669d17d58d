using System.Text.Json;
using DslNas.Data.Text;

namespace DslNas.Tests.Data;

public sealed class WordPieceTokenizerTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "tokenizer");
    private static readonly Vocabulary Vocab = Vocabulary.Load(Path.Combine(Fixtures, "vocab.txt"));

    public static TheoryData<int> ReferenceCases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Reference().Count; i++) data.Add(i);
        return data;
    }

    private static List<JsonElement> Reference() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "reference.json"))).RootElement.GetProperty("cases").EnumerateArray().ToList();

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Ids_equal_hugging_face_for_the_same_vocabulary(int index)
    {
        var reference = Reference()[index];
        var text = reference.GetProperty("text").GetString()!;
        var lowercase = reference.GetProperty("lowercase").GetBoolean();
        var expected = reference.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var tokenizer = new WordPieceTokenizer(Vocab, lowercase);
        tokenizer.Encode(text).Should().Equal(expected, "text {0} (lowercase {1}) gives tokens [{2}]",
            text, lowercase, string.Join(" ", tokenizer.Tokens(text)));
    }

    [Fact]
    public void Model_inputs_are_framed_and_cut_to_length()
    {
        var tokenizer = new WordPieceTokenizer(Vocab);
        var ids = tokenizer.EncodeForModel("hello world this is a test", 5);
        ids.Should().Equal(Vocab.ClassificationId, Vocab["hello"], Vocab["world"], Vocab["this"], Vocab.SeparatorId);
    }

    [Fact]
    public void A_vocabulary_without_special_tokens_or_with_empty_lines_is_refused()
    {
        FluentActions.Invoking(() => new Vocabulary(["[PAD]", "a"], "v.txt")).Should().Throw<InvalidDataException>().WithMessage("*v.txt*[UNK]*missing*");
        FluentActions.Invoking(() => new Vocabulary(["[PAD]", "", "a"], "v.txt")).Should().Throw<InvalidDataException>().WithMessage("*v.txt*line 2*empty*");
        FluentActions.Invoking(() => Vocabulary.Load("/nonexistent/vocab.txt")).Should().Throw<FileNotFoundException>().WithMessage("*vocab.txt*");
    }
}
