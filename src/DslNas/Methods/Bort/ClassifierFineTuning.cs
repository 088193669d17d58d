using DslNas.Data.Batching;
using DslNas.Data.Text;
using DslNas.Randomness;
using DslNas.Runs;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training;
using DslNas.Training.Agora;

namespace DslNas.Methods.Bort;

/// <summary>
/// Fine-tuning of a distilled encoder on the run's task: plainly (one hyperparameter set, the run's fine-tuning
/// options) or with <see cref="Agora{TTheta, TExample, TModel}"/>, whose data-generating function replaces about 15% of
/// an example's word pieces with others drawn at random (two variants per misclassified example), labelled by the
/// reference model.
/// </summary>
internal sealed class ClassifierFineTuning(RunContext context, TransformerEncoderConfig config, IReadOnlyDictionary<string, Tensor> encoderWeights)
{
    private const int Variants = 2;
    private const double ReplaceProbability = 0.15;

    private Batcher Batcher => new(context.Options.Data.BatchSize, context.Data.Vocabulary.PaddingId);

    /// <summary>The hyperparameter sets Agora starts from: the run's learning rate and seed, then other rates and seeds.</summary>
    public IReadOnlyList<ClassifierTrainingOptions> Thetas()
    {
        var (steps, rate, seed) = (Math.Max(1, context.Options.FineTune.Steps), context.Options.FineTune.LearningRate, context.Options.Seed);
        double[] rates = [rate, rate / 3, rate * 2];
        return Enumerable.Range(0, context.Options.Bort.AgoraSets).Select(i => new ClassifierTrainingOptions(Steps: steps, LearningRate: rates[i % rates.Length], Seed: seed + i)).ToList();
    }

    public SequenceClassifier Train(ClassifierTrainingOptions theta, IReadOnlyList<EncodedExample> examples)
    {
        var model = new SequenceClassifier(config, context.Data.Classes);
        model.encoder.load_state_dict(encoderWeights);
        new ClassifierTraining(model, Batcher, theta).Train(examples);
        return model;
    }

    public SequenceClassifier Plain(IReadOnlyList<EncodedExample> examples) => Train(Thetas()[0], examples);

    public AgoraResult<SequenceClassifier> Agora(SequenceClassifier reference, Action<AgoraRound>? progress = null)
    {
        var agora = new Agora<ClassifierTrainingOptions, EncodedExample, SequenceClassifier>(
            Train,
            (model, examples) => Predict(model, examples).Select((p, i) => p == examples[i].Label).ToArray(),
            Generate,
            examples => Predict(reference, examples).Select((p, i) => examples[i] with { Label = p }).ToList(),
            theta => $"lr {theta.LearningRate:G3}, seed {theta.Seed}");
        return agora.Run(Thetas(), context.Data.Train, context.Data.Validation, progress);
    }

    public int[] Predict(SequenceClassifier model, IReadOnlyList<EncodedExample> examples)
    {
        model.eval();
        var predictions = new int[examples.Count];
        using var noGrad = torch.no_grad();
        foreach (var indices in Batcher.Plan(examples, seed: 0, epoch: 0, shuffle: false))
        {
            using var batch = Batcher.Make(examples, indices);
            using var scope = torch.NewDisposeScope();
            var predicted = model.Classify(batch.Ids, batch.KeepMask).argmax(1).ToArray<long>();
            for (var i = 0; i < indices.Length; i++) predictions[indices[i]] = (int)predicted[i];
        }
        return predictions;
    }

    public double Accuracy(SequenceClassifier model, IReadOnlyList<EncodedExample> examples) =>
        Predict(model, examples).Where((p, i) => p == examples[i].Label).Count() / (double)examples.Count;

    /// <summary>Variants of an example with about 15% of its word pieces replaced, drawn from the seed, the round and the example's pieces.</summary>
    private IEnumerable<EncodedExample> Generate(EncodedExample example, int round)
    {
        var vocabulary = context.Data.Vocabulary;
        int[] special = [vocabulary.PaddingId, vocabulary.UnknownId, vocabulary.ClassificationId, vocabulary.SeparatorId, vocabulary.MaskId];
        var key = example.Ids.Aggregate(17L, (hash, id) => hash * 31 + id);
        for (var variant = 0; variant < Variants; variant++)
        {
            var random = SplitMixRandom.FromKeys(context.Options.Seed, round, variant, key);
            var ids = example.Ids.ToArray();
            for (var i = 0; i < ids.Length; i++)
            {
                if (special.Contains(ids[i]) || random.NextDouble() >= ReplaceProbability) continue;
                int replacement;
                do replacement = random.Next(vocabulary.Count);
                while (special.Contains(replacement));
                ids[i] = replacement;
            }
            yield return example with { Ids = ids };
        }
    }
}
