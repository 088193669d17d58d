using DslNas.Data.Batching;
using DslNas.Data.Tasks;
using DslNas.Nn;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Torch.Optim;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Training;

/// <summary>Trains or fine-tunes a sequence classifier with AdamW, linear warmup and decay, and gradient clipping.</summary>
public sealed class ClassifierTraining(Module model, Batcher batcher, ClassifierTrainingOptions options)
{
    private readonly ISequenceClassifier classifier = model as ISequenceClassifier
        ?? throw new ArgumentException($"{model.GetType().Name} is not a sequence classifier", nameof(model));

    /// <summary>Trains for <see cref="ClassifierTrainingOptions.Steps"/> steps; reports (step, loss) after every step.</summary>
    public void Train(IReadOnlyList<EncodedExample> examples, Action<int, double>? progress = null)
    {
        torch.manual_seed(options.Seed);
        var parameters = model.parameters().ToList();
        using var optimizer = new AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay);
        var schedule = new LinearWarmupDecay(optimizer, options.LearningRate, (int)(options.Steps * options.WarmupFraction), options.Steps);
        model.train();
        var step = 0;
        for (var epoch = 0; step < options.Steps; epoch++)
        {
            foreach (var indices in batcher.Plan(examples, options.Seed, epoch))
            {
                if (step == options.Steps) break;
                using var batch = batcher.Make(examples, indices);
                using var scope = torch.NewDisposeScope();
                optimizer.zero_grad();
                var loss = F.cross_entropy(classifier.Classify(batch.Ids, batch.KeepMask), batch.Labels);
                loss.backward();
                GradientClipping.ClipGradNorm(parameters, options.MaxGradientNorm);
                optimizer.step();
                schedule.Step();
                step++;
                progress?.Invoke(step, loss.item<double>());
            }
        }
    }

    /// <summary>Accuracy and F1 on examples, in eval mode without autograd.</summary>
    public ClassificationMetrics Evaluate(IReadOnlyList<EncodedExample> examples, int classes, int? positiveClass = null)
    {
        model.eval();
        var predicted = new List<int>(examples.Count);
        var actual = new List<int>(examples.Count);
        using var noGrad = torch.no_grad();
        foreach (var indices in batcher.Plan(examples, seed: 0, epoch: 0, shuffle: false))
        {
            using var batch = batcher.Make(examples, indices);
            using var scope = torch.NewDisposeScope();
            predicted.AddRange(classifier.Classify(batch.Ids, batch.KeepMask).argmax(1).ToArray<long>().Select(p => (int)p));
            actual.AddRange(indices.Select(i => examples[i].Label));
        }
        return ClassificationMetrics.Compute(predicted, actual, classes, positiveClass);
    }
}
