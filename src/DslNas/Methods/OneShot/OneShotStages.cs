using DslNas.Runs;

namespace DslNas.Methods.OneShot;

/// <summary>The one-shot method's stages, public so that a method of one's own can reuse some of them (e.g. train the supernet the same way, then search differently).</summary>
public static class OneShotStages
{
    public static MethodStage Train { get; } = new("train", "train the weight-sharing supernet (sandwich rule, in-place distillation) and check its health", StageScope.Run, SupernetStage.Train, Distributed: true);
    public static MethodStage Search { get; } = new("search", "search the trained supernet for the front of accuracy against cost (NSGA-II)", StageScope.Search, FrontSearch.Run, Distributed: true);
    public static MethodStage Choose { get; } = new("choose", "choose the most accurate architecture within the budget", StageScope.Search, FrontSearch.Choose);
    public static MethodStage Finalize { get; } = new("finalize", "extract and fine-tune the choice; compare it with the largest architecture and a uniform baseline on test", StageScope.Search, FinalComparison.Run);
    public static MethodStage Report { get; } = new("report", "write report.md", StageScope.Search, OneShotReport.Run);
}
