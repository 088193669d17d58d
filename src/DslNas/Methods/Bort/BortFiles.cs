using DslNas.Runs;

namespace DslNas.Methods.Bort;

/// <summary>
/// Bort's files in the search record: grid.json (candidates, p, i, the AB^nC check), errors.jsonl (each trained
/// candidate's error and training time, to resume), candidates.csv (p, i, e and W of every candidate), fptas-trace.csv
/// (which candidates the FPTAS trained, in which order, and why), selection.json, final.json, w-grid.svg, and model/
/// (the chosen architecture after its longer distillation, in the BERT layout).
/// </summary>
internal static class BortFiles
{
    public static string Grid(RunContext context) => Path.Combine(context.Search.Path, "grid.json");
    public static string Errors(RunContext context) => Path.Combine(context.Search.Path, "errors.jsonl");
    public static string Candidates(RunContext context) => Path.Combine(context.Search.Path, "candidates.csv");
    public static string Trace(RunContext context) => Path.Combine(context.Search.Path, "fptas-trace.csv");
    public static string Selection(RunContext context) => Path.Combine(context.Search.Path, "selection.json");
    public static string Final(RunContext context) => Path.Combine(context.Search.Path, "final.json");
    public static string WPlot(RunContext context) => Path.Combine(context.Search.Path, "w-grid.svg");
}
