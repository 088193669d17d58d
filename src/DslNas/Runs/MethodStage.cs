namespace DslNas.Runs;

/// <summary>Whether a stage works on the run as a whole (data, supernet) or on one named search record of it.</summary>
public enum StageScope
{
    Run,
    Search,
}

/// <summary>
/// One named stage of a method. It reads what earlier stages left in the run directory, writes its own artifacts,
/// raises progress, log lines and tables through <see cref="RunContext.Events"/>, and resumes where it stopped.
/// A stage marked <see cref="Reload"/> loads what later stages need in memory (the data): it runs again in every
/// process before them, cheaply, from its own files.
/// </summary>
public sealed record MethodStage(string Name, string Summary, StageScope Scope, Action<RunContext> Run, bool Reload = false);
