using System.Text.Json;
using DslNas.Data.Text;
using DslNas.Export;
using DslNas.NodeClients;

namespace DslNas.Tests.Export;

/// <summary>
/// tokenizer.json loaded by Hugging Face's tokenizers (the Rust library's Node binding) and by Tokenizers.js (what
/// transformers.js uses) gives the ids DslNas's tokenizer gives the model: [CLS] text [SEP], cut to the model's length.
/// </summary>
public sealed class TokenizerJsonTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "tokenizer");
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-tokenizer").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>The tokenizer reference texts (accents, CJK, emoji, controls, a 100+ character word, empty text), once each.</summary>
    private static string[] Texts() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "reference.json"))).RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => c.GetProperty("text").GetString()!).Distinct().ToArray();

    [Theory]
    [InlineData(true, 512)]
    [InlineData(false, 512)]
    [InlineData(true, 8)]
    public void The_clients_give_the_ids_of_the_model_inputs(bool lowercase, int maxLength)
    {
        var tokenizer = new WordPieceTokenizer(Vocabulary.Load(Path.Combine(Fixtures, "vocab.txt")), lowercase);
        var texts = Texts();
        var result = Encode(tokenizer, maxLength, texts);

        for (var i = 0; i < texts.Length; i++)
        {
            // Hugging Face's Rust library lower-cases character by character, so a word-final capital sigma becomes σ,
            // where DslNas (like Tokenizers.js and Rust's str::to_lowercase) writes the final form ς.
            var rustReading = lowercase ? texts[i].Replace("ΣΊΣΥΦΟΣ", "ΣΊΣΥΦΟσ", StringComparison.Ordinal) : texts[i];
            Ids(result, "tokenizers", i).Should().Equal(tokenizer.EncodeForModel(rustReading, maxLength),
                "tokenizers encodes {0} (lowercase {1}, at most {2} ids)", JsonSerializer.Serialize(texts[i]), lowercase, maxLength);
            // Tokenizers.js leaves truncation to its caller (transformers.js passes max_length), so only its untruncated ids are compared.
            if (maxLength >= 512)
                Ids(result, "tokenizers_js", i).Should().Equal(tokenizer.EncodeForModel(texts[i], maxLength),
                    "Tokenizers.js encodes {0} (lowercase {1})", JsonSerializer.Serialize(texts[i]), lowercase);
        }
        texts.Select(t => tokenizer.EncodeForModel(t, 512).Length).Max().Should().BeGreaterThan(8, "some text is cut when the length is 8");
    }

    [Fact]
    public void The_one_text_the_rust_library_reads_otherwise_is_the_word_final_sigma()
    {
        var tokenizer = new WordPieceTokenizer(Vocabulary.Load(Path.Combine(Fixtures, "vocab.txt")));
        string[] texts = ["ΣΊΣΥΦΟΣ"];
        var result = Encode(tokenizer, 512, texts);
        Ids(result, "tokenizers", 0).Should().NotEqual(tokenizer.EncodeForModel(texts[0], 512));
        Ids(result, "tokenizers_js", 0).Should().Equal(tokenizer.EncodeForModel(texts[0], 512));
    }

    private JsonElement Encode(WordPieceTokenizer tokenizer, int maxLength, string[] texts)
    {
        TokenizerJson.Save(directory, tokenizer, maxLength);
        var textsPath = Path.Combine(directory, "texts.json");
        File.WriteAllText(textsPath, JsonSerializer.Serialize(texts));
        return NodeClient.Run("tokenize.mjs", directory, textsPath);
    }

    private static int[] Ids(JsonElement result, string client, int index) =>
        result.GetProperty(client)[index].EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
