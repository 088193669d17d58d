using System.Text;

namespace DslNas.Data.Text;

/// <summary>
/// BERT's tokenizer: <see cref="BertNormalizer"/>, <see cref="BertPreTokenizer"/>, then greedy longest-match-first
/// WordPiece with "##" continuations; a word with no split, or longer than 100 characters, becomes [UNK].
/// Ids equal Hugging Face's BertWordPiece tokenizer for the same vocabulary.
/// </summary>
public sealed class WordPieceTokenizer(Vocabulary vocabulary, bool lowercase = true, bool? stripAccents = null, int maxCharactersPerWord = 100)
{
    public const string ContinuationPrefix = "##";

    private readonly BertNormalizer normalizer = new(lowercase, stripAccents);

    public Vocabulary Vocabulary { get; } = vocabulary;

    public bool Lowercase => normalizer.Lowercase;

    public bool StripAccents => normalizer.StripAccents;

    /// <summary>Longer words (in characters) become [UNK].</summary>
    public int MaxCharactersPerWord { get; } = maxCharactersPerWord;

    /// <summary>Word-piece ids of the text, without special tokens.</summary>
    public List<int> Encode(string text)
    {
        var ids = new List<int>();
        foreach (var word in BertPreTokenizer.Split(normalizer.Normalize(text))) AppendWord(word, ids);
        return ids;
    }

    /// <summary>[CLS] text [SEP], cut to at most <paramref name="maxLength"/> ids (the [SEP] is kept).</summary>
    public int[] EncodeForModel(string text, int maxLength)
    {
        if (maxLength < 2) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "room is needed for [CLS] and [SEP]");
        var pieces = Encode(text);
        var length = Math.Min(pieces.Count, maxLength - 2);
        var ids = new int[length + 2];
        ids[0] = Vocabulary.ClassificationId;
        pieces.CopyTo(0, ids, 1, length);
        ids[^1] = Vocabulary.SeparatorId;
        return ids;
    }

    public IEnumerable<string> Tokens(string text) => Encode(text).Select(Vocabulary.Token);

    private void AppendWord(string word, List<int> ids)
    {
        var runeCount = 0;
        foreach (var _ in word.EnumerateRunes()) runeCount++;
        if (runeCount > MaxCharactersPerWord)
        {
            ids.Add(Vocabulary.UnknownId);
            return;
        }

        var pieces = new List<int>();
        var buffer = new StringBuilder(word.Length + 2);
        var start = 0;
        while (start < word.Length)
        {
            var end = word.Length;
            var found = -1;
            while (end > start)
            {
                buffer.Clear();
                if (start > 0) buffer.Append(ContinuationPrefix);
                buffer.Append(word, start, end - start);
                if (Vocabulary.TryGetId(buffer.ToString(), out var id))
                {
                    found = id;
                    break;
                }
                end--;
                if (end > start && char.IsLowSurrogate(word[end])) end--;
            }
            if (found < 0)
            {
                ids.Add(Vocabulary.UnknownId);
                return;
            }
            pieces.Add(found);
            start = end;
        }
        ids.AddRange(pieces);
    }
}
