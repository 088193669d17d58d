using DslNas.Data.Text;

namespace DslNas.Training.Pretraining;

/// <summary>
/// Packs texts into pre-training sequences of exactly the maximum length (RoBERTa's full-sentence inputs): the
/// texts' word pieces form one stream with [SEP] between texts, and each sequence is [CLS], the next
/// <c>maxLength - 2</c> pieces of the stream, [SEP]. A text may run on into the next sequence; a [SEP] that falls
/// right after a sequence's pieces is that sequence's closing [SEP], and a text that ends one piece before a
/// sequence's end leaves "[SEP] [SEP]" there, as RoBERTa's segment pairs have. Only the last sequence may be shorter.
/// No padding is wasted and no text is cut off.
/// </summary>
public static class SequencePacking
{
    public static List<int[]> Pack(IEnumerable<string> texts, WordPieceTokenizer tokenizer, int maxLength) =>
        Pack(texts.Select(tokenizer.Encode), tokenizer.Vocabulary, maxLength);

    /// <summary>Packs texts given as word-piece ids without special tokens; texts without pieces are skipped.</summary>
    public static List<int[]> Pack(IEnumerable<IReadOnlyList<int>> texts, Vocabulary vocabulary, int maxLength)
    {
        if (maxLength < 3)
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "a packed sequence needs room for [CLS], at least one piece and [SEP]");
        var capacity = maxLength - 2;
        var separator = vocabulary.SeparatorId;
        var sequences = new List<int[]>();
        var pieces = new List<int>(capacity);
        var separatorDue = false;

        void Close()
        {
            sequences.Add([vocabulary.ClassificationId, .. pieces, separator]);
            pieces.Clear();
        }

        foreach (var text in texts)
        {
            if (text.Count == 0) continue;
            if (separatorDue && pieces.Count > 0)
            {
                pieces.Add(separator);
                if (pieces.Count == capacity) Close();
            }
            foreach (var piece in text)
            {
                pieces.Add(piece);
                if (pieces.Count == capacity) Close();
            }
            separatorDue = true;
        }
        if (pieces.Count > 0) Close();
        return sequences;
    }
}
