using System.Globalization;
using DslNas.Artifacts;
using DslNas.Data.Batching;
using DslNas.Runs;
using DslNas.Search.Lengths;
using DslNas.Training;
using DslNas.Training.Pretraining;

namespace DslNas.Methods.LengthAdaptive;

/// <summary>What LAT training left: accuracy on the search split of the full length and the smallest sandwich configuration.</summary>
internal sealed record LengthTrainingSummary(string Initialization, int Steps, double LengthDrop, double LayerDrop, double FullAccuracy, double SmallestAccuracy, string Smallest);

/// <summary>
/// The train stage: the model starts from the teacher's weights (the paper fine-tunes a pre-trained BERT) and is
/// trained once for every length configuration with the sandwich rule (full length on the labels, the smallest and
/// random LengthDrop configurations distilled in place from the full length's detached predictions) and optional
/// LayerDrop. Resumes from its checkpoint.
/// </summary>
internal static class LengthTraining
{
    public static void Run(RunContext context)
    {
        var options = context.Options;
        var supernet = RunSupernet.Create(context);
        var initialization = "random (no teacher)";
        if (RunTeacher.Load(context) is { } teacher && options.Teacher.InitializeSupernet)
        {
            initialization = $"the teacher's weights ({RunTeacher.Directory(context)})";
            if (!File.Exists(context.Directory.SupernetCheckpoint))
            {
                TeacherInitialization.Apply(supernet, teacher, RunTeacher.MlmBias(context));
                context.Log($"model initialized from {initialization}");
            }
        }
        using (var trainer = RunSupernet.Trainer(context, supernet))
        {
            if (File.Exists(context.Directory.SupernetCheckpoint))
            {
                SupernetCheckpoint.Load(trainer, context.Directory.SupernetCheckpoint);
                context.Log($"resumed training at step {trainer.Step}");
            }
            var steps = options.Training.Steps;
            context.Timed("LengthDrop training", () => context.Events.Progress("LengthDrop training", report =>
            {
                trainer.Train(progress: (step, loss) => report(step, steps, string.Create(CultureInfo.InvariantCulture, $"loss {loss:F4}")),
                    checkpointPath: context.Directory.SupernetCheckpoint);
                return 0;
            }));
        }
        var model = new LengthModel(context);
        var smallest = LengthConfiguration.ConstantRate(model.Layers, model.SequenceLength, options.Training.LengthDrop);
        double Accuracy(LengthConfiguration lengths) => SubnetScoring.Score(supernet, model.With(lengths), context.Data.Search, new Batcher(64, 0)).Accuracy;
        var summary = new LengthTrainingSummary(initialization, options.Training.Steps, options.Training.LengthDrop, options.Training.LayerDrop,
            Accuracy(model.Full), Accuracy(smallest), smallest.ToString());
        JsonArtifact.Save(Files.Training(context), summary);
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"after training, on the search split: full length {summary.FullAccuracy:P2}, smallest ({smallest}) {summary.SmallestAccuracy:P2}"));
    }
}
