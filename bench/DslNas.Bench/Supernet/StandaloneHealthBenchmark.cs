using System.Globalization;
using DslNas.Data.Batching;
using DslNas.Methods.OneShot;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Torch;
using DslNas.Training;
using DslNas.Training.Distillation;

namespace DslNas.Bench.Supernet;

/// <summary>
/// Whether the health check's subnets rank by size when each is trained alone: the run's health subnets (the largest,
/// the smallest and the random ones of its seed) each started from the teacher and trained as the final comparison
/// trains the uniform baseline (the supernet's and fine-tuning's steps together, distilling from the fine-tuned
/// largest), then scored in float32 on the search split, validation and test. Prints each subnet's accuracy with the
/// supernet's shared weights beside its standalone accuracy, and the rank correlations of size with both and of the
/// two with each other. Needs a trained one-shot run (--run DIR).
/// </summary>
public static class StandaloneHealthBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var directory = options.Text("run", "");
        if (directory.Length == 0) throw new ArgumentException("--run DIR: a one-shot run whose supernet is trained");
        BuiltInSpaces.Register();
        using var session = RunEngine.Open(RunRequest.For(directory, RunOptions.Defaults), new QuietRunEvents(Console.WriteLine));
        session.Reload();
        var context = session.Context;
        var run = context.Options;
        using var products = torch.matmul_precision(run.Precision);
        var engine = context.Space.Engine;
        var supernet = RunSupernet.Load(context);
        var teacher = run.Teacher.InitializeSupernet ? RunTeacher.Load(context) : null;
        var steps = options.Int("steps", run.Training.Steps + run.FineTune.Steps);
        Console.WriteLine($"standalone health: {directory}, seed {run.Seed}, {run.Precision} products; each subnet {(teacher is null ? "from scratch" : "from the teacher")}, {steps} steps; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

        var candidates = SupernetHealth.Candidates(engine, run.Health.RandomSubnets, run.Seed);
        var shared = SupernetHealth.Check(supernet, context.Data.Search, new Batcher(64, 0), run.Health.RandomSubnets, run.Seed).Subnets;
        using var largest = supernet.Extract(engine.Plan(engine.Extreme(largest: true)));
        StandaloneScoring.TrainAndTest(context, "largest (extracted, fine-tuned: the distillation source)", largest, run.FineTune.Steps, run.FineTune.LearningRate);
        using var targets = run.FineTune.Distillation > 0 ? new ClassifierTeacherTargets(largest, run.FineTune.Temperature) : null;

        var rows = new List<Row>();
        foreach (var ((name, genes), score) in candidates.Zip(shared))
        {
            torch.manual_seed(run.Seed + 1);
            using var model = FinalComparison.StartedLikeSupernet(context, engine.Plan(genes), teacher);
            var result = StandaloneScoring.TrainAndTest(context, name, model, steps, run.Training.LearningRate, targets);
            var search = new ClassifierTraining(model, new Batcher(64, 0), new ClassifierTrainingOptions(Steps: 1)).Evaluate(context.Data.Search, context.Data.Classes);
            rows.Add(new Row(name, score.Parameters, score.Accuracy, search.Accuracy, result.ValidationAccuracy, result.TestAccuracy));
        }

        Console.WriteLine();
        Console.WriteLine("| subnet | parameters | search split, shared weights | search split, standalone | validation, standalone | test, standalone |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Parameters:N0} | {r.Shared:P2} | {r.Search:P2} | {r.Validation:P2} | {r.Test:P2} |"));
        double Rho(Func<Row, double> x, Func<Row, double> y) => SupernetHealth.Spearman(rows.Select(x).ToArray(), rows.Select(y).ToArray());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Spearman of size with: shared-weight accuracy {Rho(r => r.Parameters, r => r.Shared):F3}; standalone accuracy on the search split {Rho(r => r.Parameters, r => r.Search):F3}, validation {Rho(r => r.Parameters, r => r.Validation):F3}, test {Rho(r => r.Parameters, r => r.Test):F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Spearman of shared-weight accuracy with standalone accuracy on the search split: {Rho(r => r.Shared, r => r.Search):F3}; load average at the end {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        return 0;
    }

    private sealed record Row(string Name, long Parameters, double Shared, double Search, double Validation, double Test);
}
