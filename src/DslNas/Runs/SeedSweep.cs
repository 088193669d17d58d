using System.Globalization;
using System.Text;
using DslNas.Artifacts;

namespace DslNas.Runs;

/// <summary>One model's scores over several seeds: means and (sample) standard deviations.</summary>
public sealed record SeedStatistics(string Model, int Seeds, double MeanTestAccuracy, double StdTestAccuracy, double MeanValidationAccuracy,
    double StdValidationAccuracy, double MeanLatencyMs, double StdLatencyMs);

/// <summary>
/// Repeats a whole run (supernet training, search, choice and comparison) with consecutive seeds, each in
/// seed-&lt;n&gt;/ under the run directory, and summarizes every compared model's scores over the seeds in
/// seeds.json and seeds.md.
/// </summary>
public static class SeedSweep
{
    public static IReadOnlyList<SeedStatistics> Run(RunRequest request, int seeds, IRunEvents events)
    {
        if (seeds < 1) throw new RunInputException($"--seeds must be at least 1, got {seeds}");
        if (!MethodCatalog.Get(request.Options.Method).Create().ScoresModels)
            throw new RunInputException($"--seeds {seeds}: method '{request.Options.Method}' does not score its final models in scores.json, which the summary over seeds reads; run its seeds one by one with --seed");
        var scores = new List<IReadOnlyList<ModelScore>>();
        for (var i = 0; i < seeds; i++)
        {
            var seed = request.Options.Seed + i;
            var one = request with
            {
                RunDirectory = Path.Combine(request.RunDirectory, $"seed-{seed}"),
                Options = request.Options with { Seed = seed },
                Given = new HashSet<string>(request.Given) { "seed" },
            };
            events.Log($"seed {seed} ({i + 1} of {seeds}): {Path.GetFullPath(one.RunDirectory)}");
            using var session = RunEngine.Open(one, events);
            session.Run();
            scores.Add(ModelScore.Load(session.Context.Search.Scores));
        }
        var statistics = Summarize(scores);
        JsonArtifact.Save(Path.Combine(request.RunDirectory, "seeds.json"), statistics);
        File.WriteAllText(Path.Combine(request.RunDirectory, "seeds.md"), Markdown(statistics, request.Options.Seed));
        events.Table(new ResultTable($"over {seeds} seeds (mean ± standard deviation)", ["model", "test accuracy", "validation accuracy", "latency (ms)"],
            statistics.Select(s => (IReadOnlyList<string>)[s.Model, F($"{s.MeanTestAccuracy:P2} ± {s.StdTestAccuracy:P2}"),
                F($"{s.MeanValidationAccuracy:P2} ± {s.StdValidationAccuracy:P2}"), F($"{s.MeanLatencyMs:F2} ± {s.StdLatencyMs:F2}")]).ToList()));
        return statistics;
    }

    public static IReadOnlyList<SeedStatistics> Summarize(IReadOnlyList<IReadOnlyList<ModelScore>> runs) =>
        runs.SelectMany(r => r).GroupBy(s => s.Name).Select(g =>
        {
            var (test, testStd) = MeanStd(g.Select(s => s.TestAccuracy));
            var (validation, validationStd) = MeanStd(g.Select(s => s.ValidationAccuracy));
            var (latency, latencyStd) = MeanStd(g.Select(s => s.LatencyMs));
            return new SeedStatistics(g.Key, g.Count(), test, testStd, validation, validationStd, latency, latencyStd);
        }).ToList();

    /// <summary>The mean and the sample standard deviation (0 for one value).</summary>
    public static (double Mean, double Std) MeanStd(IEnumerable<double> values)
    {
        var list = values.ToList();
        var mean = list.Average();
        return (mean, list.Count < 2 ? 0 : Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1)));
    }

    private static string Markdown(IReadOnlyList<SeedStatistics> statistics, int firstSeed)
    {
        var text = new StringBuilder();
        var seeds = statistics.Count == 0 ? 0 : statistics[0].Seeds;
        text.AppendLine(F($"# Over {seeds} seeds ({firstSeed} to {firstSeed + seeds - 1})")).AppendLine();
        text.AppendLine("Mean ± sample standard deviation; each seed's run is in seed-<n>/ with its own report.md.").AppendLine();
        text.AppendLine("| model | test accuracy | validation accuracy | latency (ms) |").AppendLine("|---|---:|---:|---:|");
        foreach (var s in statistics)
            text.AppendLine(F($"| {s.Model} | {s.MeanTestAccuracy:P2} ± {s.StdTestAccuracy:P2} | {s.MeanValidationAccuracy:P2} ± {s.StdValidationAccuracy:P2} | {s.MeanLatencyMs:F2} ± {s.StdLatencyMs:F2} |"));
        return text.ToString();
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
