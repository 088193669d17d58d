namespace DslNas.Runs;

/// <summary>
/// The files of a run: run.json (resolved configuration), run.log, vocab.txt, checkpoints/supernet.safetensors,
/// health.json, search-state.json, results.jsonl (every evaluation), pareto.csv, pareto.svg, report.md, and model/
/// (the chosen subnet: model.safetensors and model.json).
/// </summary>
public sealed class RunDirectory
{
    public RunDirectory(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
        Directory.CreateDirectory(Checkpoints);
    }

    public string Path { get; }
    public string Config => File("run.json");
    public string Log => File("run.log");
    public string Vocabulary => File("vocab.txt");
    public string Checkpoints => File("checkpoints");
    public string SupernetCheckpoint => System.IO.Path.Combine(Checkpoints, "supernet.safetensors");
    public string Health => File("health.json");
    public string SearchState => File("search-state.json");
    public string Results => File("results.jsonl");
    public string ParetoCsv => File("pareto.csv");
    public string ParetoSvg => File("pareto.svg");
    public string Report => File("report.md");
    public string Model => File("model");

    private string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>
    /// The run's configuration: the saved one when the directory has one (it must be for the same space), else the
    /// given one (saved by <see cref="Save"/> once its data has loaded).
    /// </summary>
    public RunConfig Resolve(RunConfig requested)
    {
        if (!System.IO.File.Exists(Config))
        {
            requested.Validate();
            return requested;
        }
        var saved = RunConfig.Load(Config);
        if (saved.Space != requested.Space)
            throw new InvalidOperationException($"the run directory {Path} belongs to space '{saved.Space}', not '{requested.Space}'; use another --run directory");
        return saved;
    }

    public void Save(RunConfig config)
    {
        if (!System.IO.File.Exists(Config)) System.IO.File.WriteAllText(Config, config.ToJson());
    }

    public void AppendLog(string line) => System.IO.File.AppendAllText(Log, $"{DateTime.UtcNow:O} {line}\n");
}
