using System.Text.Json;
using DslNas.Runs;

namespace DslNas.Distributed;

/// <summary>
/// Checks at start, through the rendezvous store, that every rank was started with the same command: each rank writes
/// what it was asked to do (verb, run directory, every setting) under its rank, reads every other rank's and compares.
/// A difference (another --space, another --steps) stops every rank with an error naming the setting and the ranks'
/// values, before anything is trained or written.
/// </summary>
public static class LaunchAgreement
{
    public static void Check(DistributedWorld world, IReadOnlyDictionary<string, string> launch)
    {
        if (world.Size == 1) return;
        var mine = JsonSerializer.SerializeToUtf8Bytes(launch);
        world.Collective("publishing its command line", g => g.StoreSet($"launch/{world.Rank}", mine));
        var all = Enumerable.Range(0, world.Size)
            .Select(rank => world.Collective($"reading rank {rank}'s command line", g => JsonSerializer.Deserialize<Dictionary<string, string>>(g.StoreGet($"launch/{rank}")))!)
            .ToList();
        // Every rank has read every command before any leaves with the error (rank 0's store goes with it).
        world.Barrier("comparing the ranks' commands");
        var differences = all.SelectMany(d => d.Keys).Distinct().Order(StringComparer.Ordinal)
            .Where(key => all.Select(d => d.GetValueOrDefault(key, "(none)")).Distinct().Count() > 1)
            .Select(key => $"{key}: " + string.Join(", ", all.Select((d, rank) => $"rank {rank} has {d.GetValueOrDefault(key, "(none)")}")))
            .ToList();
        if (differences.Count > 0)
            throw new RunInputException($"the {world.Size} ranks were started with different commands ({string.Join("; ", differences)}); start every rank with the same command");
    }

    /// <summary>What a run request asks for, setting by setting, as a user would type it.</summary>
    public static IReadOnlyDictionary<string, string> Describe(RunRequest request, string verb)
    {
        var launch = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["command"] = verb,
            ["--run"] = request.RunDirectory,
            ["--search"] = request.SearchName ?? "(default)",
            ["--override"] = request.Override.ToString(),
            ["--ignore-health"] = request.IgnoreHealth.ToString(),
        };
        foreach (var setting in RunSettings.All) launch[setting.Flag] = setting.Format(request.Options);
        return launch;
    }
}
