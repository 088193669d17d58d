using DslNas.Data.Text;
using DslNas.Torch.Nn;
using DslNas.Training.Pretraining;

namespace DslNas.Tests.Training.Pretraining;

/// <summary>
/// A language with a repetitive structure for fast pre-training tests: words w0..w19, and every text repeats one
/// word 4 to 11 times, so a masked word follows from its neighbours (up to where one text gives way to the next).
/// </summary>
internal static class TinyCorpus
{
    public const int Words = 20;

    public static readonly Vocabulary Vocabulary = new(Vocabulary.SpecialTokens.Concat(Enumerable.Range(0, Words).Select(i => $"w{i}")));

    public static readonly WordPieceTokenizer Tokenizer = new(Vocabulary);

    public static List<string> Texts(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var word = $"w{random.Next(Words)}";
            return string.Join(" ", Enumerable.Repeat(word, random.Next(4, 12)));
        }).ToList();
    }

    public static List<int[]> Sequences(int texts, int seed, int maxLength = 24) => SequencePacking.Pack(Texts(texts, seed), Tokenizer, maxLength);

    /// <summary>Twelve texts' sequences masked at 30% for <paramref name="epoch"/>, as one batch.</summary>
    public static MlmBatch MaskedBatch(int epoch = 0)
    {
        var masking = new DynamicMasking(new DslNas.Data.Tasks.MaskedLanguageModeling(Vocabulary, 0.3), seed: 4);
        return MlmBatch.Make(Sequences(12, seed: 2).Select((s, i) => masking.Mask(s, epoch, i)).ToArray(), Vocabulary.PaddingId);
    }

    public static MlmModel Model(int seed, int hidden = 32, int layers = 2, int heads = 2, double dropout = 0.1)
    {
        Torch.torch.manual_seed(seed);
        return new MlmModel(TransformerEncoderConfig.Uniform(Vocabulary.Count, 32, hidden, layers, heads, 2 * hidden, dropout));
    }
}
