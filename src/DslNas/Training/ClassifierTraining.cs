using DslNas.Data.Batching;
using DslNas.Data.Tasks;
using DslNas.Nn;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Torch.Optim;
using DslNas.Training.Distillation;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Training;

/// <summary>
/// Trains or fine-tunes a sequence classifier with AdamW, linear warmup and decay, and gradient clipping. With a
/// teacher and a positive <see cref="ClassifierTrainingOptions.DistillationWeight"/> w, the loss is
/// (1 − w)·cross-entropy + w·T²·KL(teacher ‖ student) of the temperature-softened class distributions (Hinton et al.);
/// the teacher runs in eval mode without autograd, and students trained on the same batches can share its targets
/// (<see cref="ClassifierTeacherTargets"/>).
/// </summary>
public sealed class ClassifierTraining
{
    private readonly Module model;
    private readonly Batcher batcher;
    private readonly ClassifierTrainingOptions options;
    private readonly ISequenceClassifier classifier;
    private readonly ISequenceClassifier? teacher;
    private ClassifierTeacherTargets? targets;

    public ClassifierTraining(Module model, Batcher batcher, ClassifierTrainingOptions options, ISequenceClassifier? teacher = null)
    {
        this.model = model;
        this.batcher = batcher;
        this.options = options;
        this.teacher = teacher;
        classifier = model as ISequenceClassifier ?? throw new ArgumentException($"{model.GetType().Name} is not a sequence classifier", nameof(model));
    }

    /// <summary>Training that distils from the teacher of <paramref name="targets"/>, at their temperature, which the options must name.</summary>
    public ClassifierTraining(Module model, Batcher batcher, ClassifierTrainingOptions options, ClassifierTeacherTargets targets)
        : this(model, batcher, options, targets.Teacher)
    {
        if (options.Temperature != targets.Temperature)
            throw new ArgumentException($"the options' temperature {options.Temperature} differs from the shared targets' {targets.Temperature}", nameof(options));
        this.targets = targets;
    }

    private bool Distils => teacher is not null && options.DistillationWeight > 0;

    /// <summary>Trains for <see cref="ClassifierTrainingOptions.Steps"/> steps; reports (step, loss) after every step.</summary>
    public void Train(IReadOnlyList<EncodedExample> examples, Action<int, double>? progress = null)
    {
        options.Validate();
        torch.manual_seed(options.Seed);
        if (Distils) targets ??= new ClassifierTeacherTargets(teacher!, options.Temperature, capacityBytes: 0);
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
                var loss = Loss(batch.Ids, batch.KeepMask, batch.Labels);
                loss.backward();
                GradientClipping.ClipGradNorm(parameters, options.MaxGradientNorm);
                optimizer.step();
                schedule.Step();
                step++;
                progress?.Invoke(step, loss.item<double>());
            }
        }
    }

    private Tensor Loss(Tensor ids, Tensor keepMask, Tensor labels)
    {
        var logits = classifier.Classify(ids, keepMask);
        var labelLoss = F.cross_entropy(logits, labels);
        if (!Distils) return labelLoss;
        var t = options.Temperature;
        var soft = F.kl_div(logits.div(t).log_softmax(-1), targets!.For(ids, keepMask), Reduction.BatchMean, log_target: true).mul(t * t);
        var w = options.DistillationWeight;
        return labelLoss.mul(1 - w).add(soft.mul(w));
    }

    /// <summary>
    /// Accuracy and F1 on examples, in eval mode without autograd, with float32 matrix products (the precision the
    /// model is deployed in, whatever it was trained with).
    /// </summary>
    public ClassificationMetrics Evaluate(IReadOnlyList<EncodedExample> examples, int classes, int? positiveClass = null)
    {
        model.eval();
        using var exact = torch.matmul_precision(MatmulPrecision.Float32);
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
