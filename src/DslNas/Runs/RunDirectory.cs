namespace DslNas.Runs;

/// <summary>
/// The files of a run: run.json (resolved options), run.log, stages.json (what each stage produced), vocab.txt,
/// data.json, teacher.txt (the teacher's directory), checkpoints/supernet.safetensors, health.json, searches/&lt;name&gt;/ (one record per search of the
/// trained supernet) and report.md (the latest search's report); run.lock and run.holder while a process works on it
/// (<see cref="RunLock"/>). Nothing is created until a request has been checked.
/// </summary>
public sealed class RunDirectory(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);
    public bool Exists => System.IO.File.Exists(Options);
    public string Options => File("run.json");
    public string Log => File("run.log");
    public string Stages => File("stages.json");
    public string Vocabulary => File("vocab.txt");
    public string Data => File("data.json");
    public string Teacher => File("teacher.txt");
    public string Checkpoints => File("checkpoints");
    public string SupernetCheckpoint => System.IO.Path.Combine(Checkpoints, "supernet.safetensors");
    public string SupernetMlmCheckpoint => System.IO.Path.Combine(Checkpoints, "supernet-mlm.safetensors");
    public string Health => File("health.json");
    public string Searches => File("searches");
    public string Report => File("report.md");
    public string Lock => File("run.lock");
    public string LockHolder => File("run.holder");

    public SearchRecord Search(string name) => new(System.IO.Path.Combine(Searches, name), name);

    /// <summary>The names of the searches recorded so far, oldest first.</summary>
    public IReadOnlyList<string> SearchNames() =>
        Directory.Exists(Searches)
            ? new DirectoryInfo(Searches).GetDirectories().Where(d => System.IO.File.Exists(System.IO.Path.Combine(d.FullName, SearchRecord.OptionsFile)))
                .OrderBy(d => d.CreationTimeUtc).ThenBy(d => d.Name, StringComparer.Ordinal).Select(d => d.Name).ToList()
            : [];

    public void Create()
    {
        Directory.CreateDirectory(Path);
        Directory.CreateDirectory(Checkpoints);
    }

    public void AppendLog(string line)
    {
        Create();
        System.IO.File.AppendAllText(Log, $"{DateTime.UtcNow:O} {line}\n");
    }

    private string File(string name) => System.IO.Path.Combine(Path, name);
}
