namespace DslNas.Runs;

/// <summary>
/// One search of a run's trained supernet, in searches/&lt;name&gt;/: search.json (its options and the resolved
/// budget), stages.json, state.json (to resume), results.jsonl (every evaluation), pareto.csv, pareto.svg,
/// front-latency.json (the front measured, when the search estimated latency), choice.json, scores.json, model/ (the chosen model) and report.md.
/// </summary>
public sealed class SearchRecord(string path, string name)
{
    public const string OptionsFile = "search.json";

    public string Name { get; } = name;
    public string Path { get; } = path;
    public bool Exists => System.IO.File.Exists(Options);
    public string Options => File(OptionsFile);
    public string Stages => File("stages.json");
    public string State => File("state.json");
    public string Results => File("results.jsonl");
    public string ParetoCsv => File("pareto.csv");
    public string ParetoSvg => File("pareto.svg");
    public string MeasuredFront => File("front-latency.json");
    public string Choice => File("choice.json");
    public string Scores => File("scores.json");
    public string Model => File("model");
    public string Report => File("report.md");

    public void Create() => Directory.CreateDirectory(Path);

    private string File(string name) => System.IO.Path.Combine(Path, name);
}
