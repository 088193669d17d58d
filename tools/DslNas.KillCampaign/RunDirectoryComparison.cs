namespace DslNas.KillCampaign;

/// <summary>
/// Compares two run directories file by file, byte for byte: every file but the log, the stage timings, the lock
/// files and temporary files left by a kill (which no later stage reads), and every byte but those of the
/// <see cref="VolatileField"/>s named.
/// </summary>
public static class RunDirectoryComparison
{
    private static readonly HashSet<string> Ignored = ["run.log", "stages.json", "run.lock", "run.holder"];

    /// <summary>The files that differ, are missing or are extra in <paramref name="actual"/>, relative to the directory.</summary>
    public static IReadOnlyList<string> Differences(string expected, string actual, IReadOnlyCollection<VolatileField>? volatileFields = null)
    {
        volatileFields ??= [];
        var left = Files(expected);
        var right = Files(actual);
        var differences = new List<string>();
        foreach (var file in left.Union(right).Order(StringComparer.Ordinal))
        {
            if (!right.Contains(file)) differences.Add($"{file}: missing");
            else if (!left.Contains(file)) differences.Add($"{file}: extra");
            else if (!VolatileField.Masked(Path.Combine(expected, file), volatileFields).AsSpan().SequenceEqual(VolatileField.Masked(Path.Combine(actual, file), volatileFields)))
                differences.Add($"{file}: differs");
        }
        return differences;
    }

    /// <summary>Temporary files a kill left behind (they hold no state: every write renames its own anew).</summary>
    public static IReadOnlyList<string> Leftovers(string directory) =>
        Directory.EnumerateFiles(directory, "*.tmp", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f)).Order(StringComparer.Ordinal).ToList();

    private static HashSet<string> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f))
            .Where(f => !Ignored.Contains(Path.GetFileName(f)) && !f.EndsWith(".tmp", StringComparison.Ordinal)).ToHashSet();
}
