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
/// process before them, cheaply, from its own files. Over several ranks, a stage marked <see cref="Distributed"/> runs on
/// every rank at once (it divides its work through <see cref="RunContext.World"/>); any other runs on rank 0 alone while
/// the others wait, and a reload stage then runs on the others too.
/// </summary>
public sealed record MethodStage(string Name, string Summary, StageScope Scope, Action<RunContext> Run, bool Reload = false, bool Distributed = false);
