using System.Text.Json;
using DslNas.Data.Text;

namespace DslNas.Export;

/// <summary>
/// A <see cref="WordPieceTokenizer"/> in Hugging Face's tokenizers format: tokenizer.json (BertNormalizer,
/// BertPreTokenizer, WordPiece with "##" continuations, [CLS] text [SEP] with truncation to the model's length, as
/// <see cref="WordPieceTokenizer.EncodeForModel"/> does) and tokenizer_config.json, which lets transformers'
/// AutoTokenizer pick BertTokenizerFast.
/// </summary>
public static class TokenizerJson
{
    public const string TokenizerFile = "tokenizer.json";
    public const string ConfigFile = "tokenizer_config.json";

    public static void Save(string directory, WordPieceTokenizer tokenizer, int maxLength)
    {
        if (maxLength < 2) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "room is needed for [CLS] and [SEP]");
        Directory.CreateDirectory(directory);
        Write(Path.Combine(directory, TokenizerFile), w => WriteTokenizer(w, tokenizer, maxLength));
        Write(Path.Combine(directory, ConfigFile), w => WriteConfig(w, tokenizer, maxLength));
    }

    private static void WriteTokenizer(Utf8JsonWriter w, WordPieceTokenizer tokenizer, int maxLength)
    {
        var vocabulary = tokenizer.Vocabulary;
        w.WriteString("version", "1.0");
        w.WriteStartObject("truncation");
        w.WriteString("direction", "Right");
        w.WriteNumber("max_length", maxLength);
        w.WriteString("strategy", "LongestFirst");
        w.WriteNumber("stride", 0);
        w.WriteEndObject();
        w.WriteNull("padding");

        w.WriteStartArray("added_tokens");
        foreach (var special in Vocabulary.SpecialTokens)
        {
            w.WriteStartObject();
            w.WriteNumber("id", vocabulary[special]);
            w.WriteString("content", special);
            w.WriteBoolean("single_word", false);
            w.WriteBoolean("lstrip", false);
            w.WriteBoolean("rstrip", false);
            w.WriteBoolean("normalized", false);
            w.WriteBoolean("special", true);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartObject("normalizer");
        w.WriteString("type", "BertNormalizer");
        w.WriteBoolean("clean_text", true);
        w.WriteBoolean("handle_chinese_chars", true);
        w.WriteBoolean("strip_accents", tokenizer.StripAccents);
        w.WriteBoolean("lowercase", tokenizer.Lowercase);
        w.WriteEndObject();

        w.WriteStartObject("pre_tokenizer");
        w.WriteString("type", "BertPreTokenizer");
        w.WriteEndObject();

        w.WriteStartObject("post_processor");
        w.WriteString("type", "TemplateProcessing");
        w.WriteStartArray("single");
        Piece(w, "SpecialToken", Vocabulary.Classification, 0);
        Piece(w, "Sequence", "A", 0);
        Piece(w, "SpecialToken", Vocabulary.Separator, 0);
        w.WriteEndArray();
        w.WriteStartArray("pair");
        Piece(w, "SpecialToken", Vocabulary.Classification, 0);
        Piece(w, "Sequence", "A", 0);
        Piece(w, "SpecialToken", Vocabulary.Separator, 0);
        Piece(w, "Sequence", "B", 1);
        Piece(w, "SpecialToken", Vocabulary.Separator, 1);
        w.WriteEndArray();
        w.WriteStartObject("special_tokens");
        foreach (var special in new[] { Vocabulary.Classification, Vocabulary.Separator })
        {
            w.WriteStartObject(special);
            w.WriteString("id", special);
            w.WriteStartArray("ids");
            w.WriteNumberValue(vocabulary[special]);
            w.WriteEndArray();
            w.WriteStartArray("tokens");
            w.WriteStringValue(special);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("decoder");
        w.WriteString("type", "WordPiece");
        w.WriteString("prefix", WordPieceTokenizer.ContinuationPrefix);
        w.WriteBoolean("cleanup", true);
        w.WriteEndObject();

        w.WriteStartObject("model");
        w.WriteString("type", "WordPiece");
        w.WriteString("unk_token", Vocabulary.Unknown);
        w.WriteString("continuing_subword_prefix", WordPieceTokenizer.ContinuationPrefix);
        w.WriteNumber("max_input_chars_per_word", tokenizer.MaxCharactersPerWord);
        w.WriteStartObject("vocab");
        // A token listed twice keeps its first id, as Vocabulary does.
        var written = new HashSet<string>(StringComparer.Ordinal);
        for (var id = 0; id < vocabulary.Count; id++)
            if (written.Add(vocabulary.Token(id))) w.WriteNumber(vocabulary.Token(id), id);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteConfig(Utf8JsonWriter w, WordPieceTokenizer tokenizer, int maxLength)
    {
        w.WriteString("tokenizer_class", "BertTokenizerFast");
        w.WriteBoolean("do_lower_case", tokenizer.Lowercase);
        w.WriteBoolean("strip_accents", tokenizer.StripAccents);
        w.WriteNumber("model_max_length", maxLength);
        w.WriteString("unk_token", Vocabulary.Unknown);
        w.WriteString("sep_token", Vocabulary.Separator);
        w.WriteString("pad_token", Vocabulary.Padding);
        w.WriteString("cls_token", Vocabulary.Classification);
        w.WriteString("mask_token", Vocabulary.Mask);
    }

    private static void Piece(Utf8JsonWriter w, string kind, string id, int typeId)
    {
        w.WriteStartObject();
        w.WriteStartObject(kind);
        w.WriteString("id", id);
        w.WriteNumber("type_id", typeId);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Write(string path, Action<Utf8JsonWriter> body)
    {
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        File.Move(temporary, path, overwrite: true);
    }
}
