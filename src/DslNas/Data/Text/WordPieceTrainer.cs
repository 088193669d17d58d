namespace DslNas.Data.Text;

/// <summary>
/// Learns a WordPiece vocabulary from text, as Hugging Face's WordPieceTrainer: start from every character
/// (continuations prefixed with "##"), then repeatedly merge the most frequent adjacent pair of pieces until
/// the vocabulary has the target size or no pair occurs <c>minFrequency</c> times. Deterministic: ties go to
/// the ordinally smaller pair.
/// </summary>
public sealed class WordPieceTrainer(int vocabularySize, int minFrequency = 2, bool lowercase = true)
{
    public Vocabulary Train(IEnumerable<string> texts, Action<int, int>? progress = null)
    {
        if (vocabularySize <= Vocabulary.SpecialTokens.Count)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, $"the vocabulary must exceed the {Vocabulary.SpecialTokens.Count} special tokens");
        var normalizer = new BertNormalizer(lowercase);
        var wordCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        foreach (var word in BertPreTokenizer.Split(normalizer.Normalize(text)))
            wordCounts[word] = wordCounts.GetValueOrDefault(word) + 1;

        var pieces = new List<string>();
        var pieceIds = new Dictionary<string, int>(StringComparer.Ordinal);
        int Piece(string piece)
        {
            if (pieceIds.TryGetValue(piece, out var id)) return id;
            pieceIds[piece] = pieces.Count;
            pieces.Add(piece);
            return pieces.Count - 1;
        }

        var orderedWords = wordCounts.OrderBy(w => w.Key, StringComparer.Ordinal).ToArray();
        var words = new List<int>[orderedWords.Length];
        var counts = new int[orderedWords.Length];
        for (var w = 0; w < orderedWords.Length; w++)
        {
            counts[w] = orderedWords[w].Value;
            var runes = orderedWords[w].Key.EnumerateRunes().Select(r => r.ToString()).ToArray();
            words[w] = runes.Select((r, i) => Piece(i == 0 ? r : WordPieceTokenizer.ContinuationPrefix + r)).ToList();
        }
        var alphabet = pieces.ToList();

        var pairCounts = new Dictionary<(int, int), long>();
        var pairWords = new Dictionary<(int, int), HashSet<int>>();
        void Count(int word, int sign)
        {
            var symbols = words[word];
            for (var i = 0; i + 1 < symbols.Count; i++)
            {
                var pair = (symbols[i], symbols[i + 1]);
                pairCounts[pair] = pairCounts.GetValueOrDefault(pair) + sign * counts[word];
                if (sign > 0)
                {
                    if (!pairWords.TryGetValue(pair, out var set)) pairWords[pair] = set = [];
                    set.Add(word);
                }
            }
        }
        for (var w = 0; w < words.Length; w++) Count(w, +1);

        var queue = new PriorityQueue<(int, int), (long, string)>(Comparer<(long Count, string Key)>.Create((a, b) =>
            a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Key, b.Key)));
        string Key((int A, int B) pair) => pieces[pair.A] + "\u0001" + pieces[pair.B];
        foreach (var (pair, count) in pairCounts) queue.Enqueue(pair, (count, Key(pair)));

        var vocabulary = new List<string>(Vocabulary.SpecialTokens);
        var inVocabulary = new HashSet<string>(vocabulary, StringComparer.Ordinal);
        foreach (var piece in alphabet.OrderBy(p => p, StringComparer.Ordinal))
            if (inVocabulary.Add(piece)) vocabulary.Add(piece);

        while (vocabulary.Count < vocabularySize && queue.TryDequeue(out var best, out var priority))
        {
            var current = pairCounts.GetValueOrDefault(best);
            if (current != priority.Item1) continue;
            if (current < minFrequency) break;
            var right = pieces[best.Item2];
            var merged = pieces[best.Item1] + (right.StartsWith(WordPieceTokenizer.ContinuationPrefix, StringComparison.Ordinal) ? right[2..] : right);
            var mergedId = Piece(merged);
            if (inVocabulary.Add(merged)) vocabulary.Add(merged);
            progress?.Invoke(vocabulary.Count, vocabularySize);

            var touched = new HashSet<(int, int)>();
            foreach (var word in pairWords[best].ToArray())
            {
                var symbols = words[word];
                for (var i = 0; i + 1 < symbols.Count; i++) touched.Add((symbols[i], symbols[i + 1]));
                Count(word, -1);
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    if (symbols[i] != best.Item1 || symbols[i + 1] != best.Item2) continue;
                    symbols[i] = mergedId;
                    symbols.RemoveAt(i + 1);
                }
                Count(word, +1);
                for (var i = 0; i + 1 < symbols.Count; i++) touched.Add((symbols[i], symbols[i + 1]));
            }
            pairCounts.Remove(best);
            pairWords.Remove(best);
            foreach (var pair in touched)
                if (pairCounts.TryGetValue(pair, out var count) && count > 0) queue.Enqueue(pair, (count, Key(pair)));
        }
        return new Vocabulary(vocabulary, "trained vocabulary");
    }
}
