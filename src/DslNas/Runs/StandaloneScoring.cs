using DslNas.Data.Batching;
using DslNas.Nn;
using DslNas.Training;

namespace DslNas.Runs;

/// <summary>
/// Trains a standalone model on the training split for some steps (distilling from a teacher when one is given, with
/// the run's fine-tuning distillation weight and temperature), then scores it on validation and test and measures its latency.
/// </summary>
public static class StandaloneScoring
{
    public static ModelScore TrainAndTest(RunContext context, string name, ExtractedSubnet model, int steps, double learningRate, ISequenceClassifier? teacher = null)
    {
        var data = context.Data;
        var options = context.Options;
        var training = new ClassifierTraining(model, new Batcher(options.Data.BatchSize, 0),
            new ClassifierTrainingOptions(Steps: Math.Max(1, steps), LearningRate: learningRate, Seed: options.Seed,
                DistillationWeight: teacher is null ? 0 : options.FineTune.Distillation, Temperature: options.FineTune.Temperature), teacher);
        if (steps > 0) context.Events.Progress(name, report => { training.Train(data.Train, (step, _) => report(step, steps, null)); return 0; });
        var validation = training.Evaluate(data.Validation, data.Classes, data.PositiveClass);
        var test = training.Evaluate(data.Test, data.Classes, data.PositiveClass);
        model.eval();
        var latency = context.LatencyMeter.Measure(model);
        var parameters = model.encoder.parameter_count();
        context.Log($"{name}: test accuracy {test.Accuracy:P2}, F1 {test.F1:F4}, latency {latency:F2} ms, {parameters:N0} parameters");
        return new ModelScore(name, validation.Accuracy, test.Accuracy, test.F1, latency, parameters);
    }
}
