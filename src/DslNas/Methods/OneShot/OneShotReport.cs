using DslNas.Engine;
using DslNas.Reporting;
using DslNas.Runs;
using DslNas.Search;
using DslNas.Training;

namespace DslNas.Methods.OneShot;

/// <summary>The report stage: report.md of the search record from the run's artifacts, also copied to the run's report.md.</summary>
internal static class OneShotReport
{
    public static void Run(RunContext context)
    {
        var budget = context.SearchOptions.BudgetMs ?? throw new InvalidOperationException($"{context.Search.Options}: the search has no resolved budget; run 'search' first");
        var search = SearchState.Resume(context.Space.Engine, context.Options.Search with { MaxLatencyMs = budget, Seed = context.Options.Seed },
            (Genes _) => throw new InvalidOperationException("reporting evaluates nothing"), context.Search.State);
        var stages = StageLog.Load(context.Directory.Stages).Concat(StageLog.Load(context.Search.Stages)).ToList();
        var choice = Choice.Load(context.Search.Choice);
        var scores = ModelScore.Load(context.Search.Scores);
        var report = RunReport.Write(new RunReport.Input(
            context.Space.Name, "one-shot", context.Search.Name, Initialization(context), context.Options, stages,
            SupernetHealth.Load(context.Directory.Health), search, choice, scores,
            genes => FrontSearch.Json(context, genes), File.Exists(context.Search.MeasuredFront) ? FrontLatency.Load(context.Search.MeasuredFront) : null));
        File.WriteAllText(context.Search.Report, report);
        var front = search.Front.Select(e => e.Key).ToHashSet();
        var compared = scores.Skip(1).Where(s => s is { SupernetAccuracy: not null, Flops: not null })
            .Select(s => new ParetoMark($"{s.Name.Split(" (")[0]} (measured after fine-tuning)", s.LatencyMs, s.Flops!.Value, s.SupernetAccuracy!.Value)).ToList();
        File.WriteAllText(context.Search.ParetoSvg, ParetoSvg.Write(search.All, front, $"{context.Space.Name}: accuracy against cost (front in red)",
            new ParetoMarks(budget, string.Join(",", choice.Code), compared)));
        File.WriteAllText(context.Directory.Report, report);
        context.Log($"report: {context.Search.Report}");
    }

    private static string Initialization(RunContext context) =>
        RunTeacher.Directory(context) is { } teacher
            ? context.Options.Teacher.InitializeSupernet
                ? $"from the teacher's weights (prefix slices of {teacher}); the uniform baseline starts from them too"
                : $"random (the teacher at {teacher} is not used to initialize)"
            : "random (no teacher)";
}
