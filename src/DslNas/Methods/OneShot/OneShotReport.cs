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
            _ => throw new InvalidOperationException("reporting evaluates nothing"), context.Search.State);
        var stages = StageLog.Load(context.Directory.Stages).Concat(StageLog.Load(context.Search.Stages)).ToList();
        var report = RunReport.Write(new RunReport.Input(
            context.Space.Name, "one-shot", context.Search.Name, Initialization(context), context.Options, stages,
            SupernetHealth.Load(context.Directory.Health), search, Choice.Load(context.Search.Choice), ModelScore.Load(context.Search.Scores),
            genes => FrontSearch.Json(context, genes), File.Exists(context.Search.MeasuredFront) ? FrontLatency.Load(context.Search.MeasuredFront) : null));
        File.WriteAllText(context.Search.Report, report);
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
