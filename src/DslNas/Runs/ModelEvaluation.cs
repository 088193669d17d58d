using DslNas.Data.Batching;
using DslNas.Data.Tasks;
using DslNas.Hardware;
using DslNas.Training;

namespace DslNas.Runs;

/// <summary>A saved model scored on the test split of exactly the splits it was made with, and its measured latency.</summary>
public sealed record ModelEvaluation(ModelConfig Config, ClassificationMetrics Test, double LatencyMs)
{
    public static ModelEvaluation Run(string modelDirectory, LatencyOptions latency)
    {
        var config = SavedModel.Config(modelDirectory);
        var (model, vocabulary) = SavedModel.Load(modelDirectory, config);
        using (model)
        {
            var splits = RunData.LoadSplits(config.Data, config.SplitSeed, config.Labels);
            var data = RunData.With(splits, vocabulary, config.MaxLength);
            var labels = config.Labels.ToList();
            var unknown = splits.Labels.FirstOrDefault(l => !labels.Contains(l));
            if (unknown is not null) throw new InvalidDataException($"{config.Data.Data}: label '{unknown}' is unknown to the model ({string.Join(", ", labels)})");
            var test = data.Test.Select(e => new EncodedExample(e.Ids, labels.IndexOf(splits.Labels[e.Label]))).ToList();
            var training = new ClassifierTraining(model, new Batcher(64, 0), new ClassifierTrainingOptions(Steps: 1));
            var positive = labels.IndexOf("spam");
            var metrics = training.Evaluate(test, labels.Count, positive >= 0 ? positive : null);
            var meter = latency.Meter(config.MaxLength);
            return new ModelEvaluation(config, metrics, meter.Measure(model));
        }
    }
}
