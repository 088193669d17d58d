using System.Text;
using DslNas.Artifacts;

namespace DslNas.Data.Text;

/// <summary>A WordPiece vocabulary: one token per line of vocab.txt, id = line number.</summary>
public sealed class Vocabulary
{
    public const string Padding = "[PAD]";
    public const string Unknown = "[UNK]";
    public const string Classification = "[CLS]";
    public const string Separator = "[SEP]";
    public const string Mask = "[MASK]";

    /// <summary>The special tokens every DslNas vocabulary starts with, in BERT's order of use.</summary>
    public static readonly IReadOnlyList<string> SpecialTokens = [Padding, Unknown, Classification, Separator, Mask];

    private readonly Dictionary<string, int> ids;
    private readonly string[] tokens;

    public Vocabulary(IEnumerable<string> tokens, string source = "vocabulary")
    {
        this.tokens = tokens.ToArray();
        ids = new Dictionary<string, int>(this.tokens.Length, StringComparer.Ordinal);
        for (var i = 0; i < this.tokens.Length; i++)
        {
            if (this.tokens[i].Length == 0) throw new InvalidDataException($"{source}: line {i + 1} is empty; every line must hold one token");
            if (!ids.TryAdd(this.tokens[i], i))
                throw new InvalidDataException($"{source}: line {i + 1} repeats the token '{this.tokens[i]}' of line {ids[this.tokens[i]] + 1}; every token must have one id");
        }
        foreach (var special in new[] { Padding, Unknown, Classification, Separator, Mask })
            if (!ids.ContainsKey(special))
                throw new InvalidDataException($"{source}: the special token {special} is missing; a BERT vocabulary needs {string.Join(", ", SpecialTokens)}");
    }

    public static Vocabulary Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: the vocabulary file does not exist", path);
        string content;
        try
        {
            content = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"{path}: invalid UTF-8 at byte {e.Index}", e);
        }
        if (content.Length > 0 && content[0] == '\uFEFF') content = content[1..];
        var lines = content.Split('\n').Select(l => l.TrimEnd('\r'));
        return new Vocabulary(lines.Reverse().SkipWhile(l => l.Length == 0).Reverse(), path);
    }

    public void Save(string path) => AtomicFile.WriteAllText(path, string.Concat(tokens.Select(t => t + "\n")));

    public int Count => tokens.Length;

    public IReadOnlyList<string> Tokens => tokens;

    public bool TryGetId(string token, out int id) => ids.TryGetValue(token, out id);

    public bool Contains(ReadOnlySpan<char> token) => ids.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(token);

    public bool TryGetId(ReadOnlySpan<char> token, out int id) => ids.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out id);

    public int this[string token] => ids.TryGetValue(token, out var id) ? id : throw new KeyNotFoundException($"'{token}' is not in the vocabulary");

    public string Token(int id) => tokens[id];

    public int PaddingId => ids[Padding];
    public int UnknownId => ids[Unknown];
    public int ClassificationId => ids[Classification];
    public int SeparatorId => ids[Separator];
    public int MaskId => ids[Mask];
}
