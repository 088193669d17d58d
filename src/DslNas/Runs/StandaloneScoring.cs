using DslNas.Data.Batching;
using DslNas.Nn;
using DslNas.Training;
using DslNas.Training.Distillation;

namespace DslNas.Runs;

/// <summary>
/// Trains a standalone model on the training split for some steps (distilling from a teacher's targets when they are
/// given, with the run's fine-tuning distillation weight at their temperature), then scores it on validation and test
/// and measures its latency. Models trained with the same targets object share the teacher's forward passes.
/// </summary>
public static class StandaloneScoring
{
    public static ModelScore TrainAndTest(RunContext context, string name, ExtractedSubnet model, int steps, double learningRate, ClassifierTeacherTargets? teacher = null)
    {
        var data = context.Data;
        var options = context.Options;
        var batcher = new Batcher(options.Data.BatchSize, 0);
        var settings = new ClassifierTrainingOptions(Steps: Math.Max(1, steps), LearningRate: learningRate, Seed: options.Seed,
            DistillationWeight: teacher is null ? 0 : options.FineTune.Distillation, Temperature: teacher?.Temperature ?? options.FineTune.Temperature);
        var training = teacher is null ? new ClassifierTraining(model, batcher, settings) : new ClassifierTraining(model, batcher, settings, teacher);
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
