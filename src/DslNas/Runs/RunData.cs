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
    private RunData(DatasetSplits splits, Vocabulary vocabulary, int maxLength)
    {
        Splits = splits;
        Vocabulary = vocabulary;
        var tokenizer = new WordPieceTokenizer(vocabulary);
        List<EncodedExample> Encode(IReadOnlyList<LabelledExample> examples) =>
            examples.Select(e => new EncodedExample(tokenizer.EncodeForModel(e.Text, maxLength), splits.LabelIndex(e.Label))).ToList();
        (Train, Validation, Test) = (Encode(splits.Train), Encode(splits.Validation), Encode(splits.Test));
    }

    public DatasetSplits Splits { get; }
    public Vocabulary Vocabulary { get; }
    public IReadOnlyList<EncodedExample> Train { get; }
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
        return new RunData(splits, vocabulary, options.MaxLength);
    }

    /// <summary>Encodes given splits with a given vocabulary (a saved model's).</summary>
    public static RunData With(DatasetSplits splits, Vocabulary vocabulary, int maxLength) => new(splits, vocabulary, maxLength);
}
