using DslNas.Data.Batching;
using DslNas.Runs;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training;

namespace DslNas.Methods.NasBert;

/// <summary>
/// The teacher of NAS-BERT's second distillation stage (the paper's two-stage KD: Eq. 2 again in fine-tuning, with the
/// fine-tuned teacher): the pre-trained teacher's encoder under a fresh classification head, fine-tuned on the task
/// for --fine-tune-steps at --fine-tune-learning-rate. The final models distil its class predictions while they are
/// fine-tuned; its own test accuracy is reported beside theirs as what distillation aims at.
/// </summary>
internal static class FineTunedTeacher
{
    public const string Name = "teacher (fine-tuned)";

    public static (SequenceClassifier Model, ModelScore Score) Train(RunContext context, TransformerEncoder teacher)
    {
        var options = context.Options;
        var data = context.Data;
        torch.manual_seed(options.Seed);
        var model = new SequenceClassifier(teacher.Config, data.Classes);
        try
        {
            model.encoder.load_state_dict(teacher.state_dict());
            var steps = Math.Max(1, options.FineTune.Steps);
            var training = new ClassifierTraining(model, new Batcher(options.Data.BatchSize, 0),
                new ClassifierTrainingOptions(Steps: steps, LearningRate: options.FineTune.LearningRate, Seed: options.Seed));
            context.Events.Progress(Name, report => { training.Train(data.Train, (step, _) => report(step, steps, null)); return 0; });
            var validation = training.Evaluate(data.Validation, data.Classes, data.PositiveClass);
            var test = training.Evaluate(data.Test, data.Classes, data.PositiveClass);
            model.eval();
            var latency = context.LatencyMeter.Measure(model);
            context.Log($"{Name}: test accuracy {test.Accuracy:P2}, F1 {test.F1:F4}, latency {latency:F2} ms; the final models distil its predictions while they are fine-tuned");
            return (model, new ModelScore(Name, validation.Accuracy, test.Accuracy, test.F1, latency, model.encoder.parameter_count()));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
