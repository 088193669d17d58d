namespace DslNas.Runs;

/// <summary>
/// What a user asked for: a run directory, the options (defaults with the given settings applied), which settings
/// were given explicitly (only those are compared with a saved run), the search record to use, whether
/// overridable settings may change a saved run and a collapsed supernet may be searched anyway, and whether a new run
/// takes its method's own defaults for the settings not given (<see cref="MethodDefault"/>: the command line's way).
/// </summary>
public sealed record RunRequest(
    string RunDirectory,
    RunOptions Options,
    IReadOnlySet<string> Given,
    string? SearchName = null,
    bool Override = false,
    bool IgnoreHealth = false,
    bool MethodDefaults = false)
{
    public static RunRequest For(string runDirectory, RunOptions options) => new(runDirectory, options, new HashSet<string>());
}
