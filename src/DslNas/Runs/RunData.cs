using DslNas.Data.Batching;
using DslNas.Data.Corpora;
using DslNas.Data.Text;

namespace DslNas.Runs;

/// <summary>
/// The data stage's product: the task's splits (re-created exactly from the data options and the split seed), the
/// run's WordPiece vocabulary (trained on the training split once, then reloaded) and every split encoded.
/// </summary>
public sealed class RunData
{
    private RunData(DatasetSplits splits, Vocabulary vocabulary, int maxLength, double searchFraction, int seed)
    {
        Splits = splits;
        Vocabulary = vocabulary;
        var tokenizer = new WordPieceTokenizer(vocabulary);
        List<EncodedExample> Encode(IReadOnlyList<LabelledExample> examples) =>
            examples.Select(e => new EncodedExample(tokenizer.EncodeForModel(e.Text, maxLength), splits.LabelIndex(e.Label))).ToList();
        var (train, search) = searchFraction > 0 ? HoldOut(splits.Train, searchFraction, seed) : (splits.Train.ToList(), new List<LabelledExample>());
        (Train, Search, Validation, Test) = (Encode(train), Encode(search), Encode(splits.Validation), Encode(splits.Test));
    }

    public DatasetSplits Splits { get; }
    public Vocabulary Vocabulary { get; }

    /// <summary>The training split less the search split: what models train on.</summary>
    public IReadOnlyList<EncodedExample> Train { get; }

    /// <summary>Held out from the training split: what the search ranks candidates on.</summary>
    public IReadOnlyList<EncodedExample> Search { get; }

    public IReadOnlyList<EncodedExample> Validation { get; }
    public IReadOnlyList<EncodedExample> Test { get; }
    public int Classes => Splits.Labels.Count;

    /// <summary>The class F1 is reported for: "spam" when the task has it, else macro-averaged.</summary>
    public int? PositiveClass => Splits.Labels.ToList().IndexOf("spam") is var i && i >= 0 ? i : null;

    /// <summary>The splits a run with these options and seed uses: a built-in set's own (see 'datasets'), or a file's stratified by label.</summary>
    public static DatasetSplits LoadSplits(DataOptions options, int seed, IReadOnlyCollection<string>? labels = null) =>
        BuiltInDatasets.TryGet(options.Data, out var dataset)
            ? dataset.Load()
            : DatasetSplits.Stratified(options.Data, TextTable.Labelled(options.Data, options.TextColumn, options.LabelColumn, labels: labels),
                options.ValidationFraction, options.TestFraction, seed);

    /// <summary>Loads the splits and the vocabulary saved at <paramref name="vocabularyPath"/>, training and saving it first when absent.</summary>
    public static RunData Load(DataOptions options, int seed, string vocabularyPath)
    {
        var splits = LoadSplits(options, seed);
        Vocabulary vocabulary;
        if (File.Exists(vocabularyPath)) vocabulary = Vocabulary.Load(vocabularyPath);
        else
        {
            vocabulary = new WordPieceTrainer(options.Vocabulary).Train(splits.Train.Select(e => e.Text));
            vocabulary.Save(vocabularyPath);
        }
        return new RunData(splits, vocabulary, options.MaxLength, options.SearchFraction, seed);
    }

    /// <summary>Encodes given splits with a given vocabulary (a saved model's); nothing is held out for search.</summary>
    public static RunData With(DatasetSplits splits, Vocabulary vocabulary, int maxLength) => new(splits, vocabulary, maxLength, 0, 0);

    /// <summary>
    /// Holds out about <paramref name="fraction"/> of each label's training examples, deterministically for the seed.
    /// Examples that name their source (a document) move with all of their source's examples, so no document is in both.
    /// </summary>
    internal static (List<LabelledExample> Kept, List<LabelledExample> HeldOut) HoldOut(IReadOnlyList<LabelledExample> train, double fraction, int seed)
    {
        var heldOut = new HashSet<int>();
        var random = new Random(seed);
        foreach (var label in train.Select((e, i) => (Index: i, Group: e.Source ?? $"#{i}", e.Label)).GroupBy(p => p.Label).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var groups = label.GroupBy(p => p.Group).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Select(p => p.Index).ToList()).ToArray();
            random.Shuffle(groups);
            var count = groups.Length < 2 ? 0 : Math.Clamp((int)Math.Round(groups.Length * fraction), 1, groups.Length - 1);
            heldOut.UnionWith(groups.Take(count).SelectMany(g => g));
        }
        return (train.Where((_, i) => !heldOut.Contains(i)).ToList(), train.Where((_, i) => heldOut.Contains(i)).ToList());
    }
}
