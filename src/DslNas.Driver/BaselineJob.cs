using System.Diagnostics;
using System.Globalization;
using DslNas.Data.Batching;
using DslNas.Data.Corpora;
using DslNas.Data.Text;
using DslNas.Hardware;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training;

namespace DslNas.Driver;

/// <summary>
/// Trains a WordPiece vocabulary and a dense encoder classifier from scratch on the shipped SpamAssassin set and
/// reports validation and test accuracy, F1 and batch-1 latency.
/// </summary>
internal static class BaselineJob
{
    internal sealed record Settings(int Steps, int Layers, int Hidden, int Heads, int Ffn, int MaxLength, int Vocabulary, int Batch, int Seed);

    internal static int Run(Settings options)
    {
        var clock = Stopwatch.StartNew();
        var seed = options.Seed;
        var maxLength = options.MaxLength;
        var splits = SpamAssassin.Shipped();
        Console.WriteLine($"data: {splits.Name}: train {splits.Train.Count}, validation {splits.Validation.Count}, test {splits.Test.Count}; labels {string.Join(", ", splits.Labels)}");

        var vocabularySize = options.Vocabulary;
        var vocabulary = new WordPieceTrainer(vocabularySize).Train(splits.Train.Select(e => e.Text));
        var tokenizer = new WordPieceTokenizer(vocabulary);
        Console.WriteLine($"tokenizer: WordPiece vocabulary of {vocabulary.Count} trained on the training split ({clock.Elapsed.TotalSeconds:F1} s)");

        List<EncodedExample> Encode(IReadOnlyList<LabelledExample> examples) =>
            examples.Select(e => new EncodedExample(tokenizer.EncodeForModel(e.Text, maxLength), splits.LabelIndex(e.Label))).ToList();
        var train = Encode(splits.Train);
        var validation = Encode(splits.Validation);
        var test = Encode(splits.Test);

        var hidden = options.Hidden;
        torch.manual_seed(seed);
        var config = TransformerEncoderConfig.Uniform(vocabulary.Count, maxLength, hidden, options.Layers, options.Heads, options.Ffn);
        using var model = new SequenceClassifier(config, splits.Labels.Count);
        var steps = options.Steps;
        var training = new ClassifierTraining(model, new Batcher(options.Batch, vocabulary.PaddingId), new ClassifierTrainingOptions(Steps: steps, Seed: seed));
        Console.WriteLine($"model: {config.Layers.Count} layers, hidden {hidden}, {model.parameter_count():N0} parameters; training {steps} steps");

        var trainClock = Stopwatch.StartNew();
        var smoothed = double.NaN;
        training.Train(train, (step, loss) =>
        {
            smoothed = double.IsNaN(smoothed) ? loss : 0.95 * smoothed + 0.05 * loss;
            if (step % 50 != 0 && step != steps) return;
            var eta = trainClock.Elapsed / step * (steps - step);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  step {step}/{steps}  loss {smoothed:F4}  elapsed {trainClock.Elapsed:mm\\:ss}  eta {eta:mm\\:ss}"));
        });

        var spam = splits.Labels.ToList().IndexOf("spam");
        var positive = spam >= 0 ? spam : (int?)null;
        var validationMetrics = training.Evaluate(validation, splits.Labels.Count, positive);
        var testMetrics = training.Evaluate(test, splits.Labels.Count, positive);
        model.eval();
        var latency = new LatencyMeter(maxLength).Measure(model);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"validation: accuracy {validationMetrics.Accuracy:P2}, F1 {validationMetrics.F1:F4} ({validationMetrics.Count} emails)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"test:       accuracy {testMetrics.Accuracy:P2}, F1 {testMetrics.F1:F4} ({testMetrics.Count} emails)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency:    {latency:F2} ms median, batch 1, {maxLength} tokens"));
        Console.WriteLine($"done in {clock.Elapsed:mm\\:ss}");
        return 0;
    }
}
