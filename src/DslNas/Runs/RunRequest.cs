namespace DslNas.Runs;

/// <summary>
/// What a user asked for: a run directory, the options (defaults with the given settings applied), which settings
/// were given explicitly (only those are compared with a saved run), the search record to use, and whether
/// overridable settings may change a saved run and a collapsed supernet may be searched anyway.
/// </summary>
public sealed record RunRequest(
    string RunDirectory,
    RunOptions Options,
    IReadOnlySet<string> Given,
    string? SearchName = null,
    bool Override = false,
    bool IgnoreHealth = false)
{
    public static RunRequest For(string runDirectory, RunOptions options) => new(runDirectory, options, new HashSet<string>());
}
