using System.Globalization;
using DslNas.Data.Batching;
using DslNas.Runs;
using DslNas.Training;
using DslNas.Training.Pretraining;

namespace DslNas.Methods.OneShot;

/// <summary>
/// Trains the run's supernet (resuming from its checkpoint): from the teacher's weights or random ones, optionally MLM
/// pre-trained as a whole, then on the task; checks its health, and stops on a collapsed one. Over several ranks the
/// task training is data-parallel (<see cref="Distributed.DataParallel"/>) and resumes only with as many ranks.
/// </summary>
internal static class SupernetStage
{
    public static void Train(RunContext context)
    {
        var options = context.Options;
        var data = context.Data;
        var supernet = RunSupernet.Create(context);
        if (RunTeacher.Load(context) is { } teacher && options.Teacher.InitializeSupernet && !File.Exists(context.Directory.SupernetCheckpoint))
        {
            TeacherInitialization.Apply(supernet, teacher, RunTeacher.MlmBias(context));
            context.Log($"supernet initialized from the teacher's weights ({RunTeacher.Directory(context)})");
        }
        if (options.SupernetPretraining.Steps > 0 && !File.Exists(context.Directory.SupernetCheckpoint))
        {
            if (context.World.Size > 1)
                throw new RunInputException($"--supernet-mlm-steps {options.SupernetPretraining.Steps}: the supernet's MLM pre-training runs in one process; run 'train' without --nproc, or with --supernet-mlm-steps 0");
            SupernetPretraining.Run(context, supernet);
        }
        using (var trainer = RunSupernet.Trainer(context, supernet))
        {
            if (File.Exists(context.Directory.SupernetCheckpoint))
            {
                SupernetCheckpoint.RequireRanks(context.Directory.SupernetCheckpoint, context.World.Size);
                SupernetCheckpoint.Load(trainer, context.Directory.SupernetCheckpoint);
                context.Log($"resumed supernet training at step {trainer.Step}");
            }
            var steps = options.Training.Steps;
            context.Timed("supernet training", () => context.Events.Progress("supernet training", report =>
            {
                trainer.Train(progress: (step, loss) => report(step, steps, string.Create(CultureInfo.InvariantCulture, $"loss {loss:F4}")),
                    checkpointPath: context.Directory.SupernetCheckpoint);
                return 0;
            }));
        }
        var health = SupernetHealth.Check(supernet, data.Search, new Batcher(64, 0), options.Health.RandomSubnets, options.Seed, context.World);
        if (context.World.IsLeader) health.Save(context.Directory.Health);
        context.Log("supernet health:\n" + health);
        context.Events.Table(HealthTable(health));
        var problem = HealthGate.Problem(health, HealthGate.MajorityRate(data.Search.Select(e => e.Label)), options.Health);
        if (problem is null) return;
        if (!context.IgnoreHealth) throw new InvalidOperationException(problem);
        context.Log($"--ignore-health: searching anyway, although {problem}");
    }

    public static ResultTable HealthTable(SupernetHealth health) => new(
        string.Create(CultureInfo.InvariantCulture, $"supernet health (search split, shared weights; Spearman of size and accuracy {health.SizeAccuracyCorrelation:F3})"),
        ["subnet", "parameters", "loss", "accuracy"],
        health.Subnets.Select(s => (IReadOnlyList<string>)[s.Name, s.Parameters.ToString("N0", CultureInfo.InvariantCulture),
            s.Loss.ToString("F4", CultureInfo.InvariantCulture), s.Accuracy.ToString("P2", CultureInfo.InvariantCulture)]).ToList());
}
