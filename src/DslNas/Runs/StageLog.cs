using System.Text.Json;
using DslNas.Artifacts;

namespace DslNas.Runs;

/// <summary>A completed stage: when it finished, how long it took, and the files it wrote (relative to its directory).</summary>
public sealed record StageRecord(string Name, DateTime Finished, double Seconds, IReadOnlyList<string> Produced);

/// <summary>stages.json of a run or a search record: the stages completed there, latest run of each.</summary>
public static class StageLog
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static IReadOnlyList<StageRecord> Load(string path)
    {
        if (!File.Exists(path)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<StageRecord>>(File.ReadAllText(path)) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a DslNas stage log: {e.Message}", e);
        }
    }

    public static void Record(string path, StageRecord record)
    {
        var records = Load(path).Where(r => r.Name != record.Name).Append(record).ToList();
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(records, Json));
    }

    /// <summary>Every file under a directory with its last write time, to tell afterwards what a stage wrote.</summary>
    public static Dictionary<string, DateTime> Snapshot(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc)
            : [];

    public static List<string> Written(string directory, IReadOnlyDictionary<string, DateTime> before) =>
        Snapshot(directory).Where(f => !before.TryGetValue(f.Key, out var time) || time != f.Value)
            .Select(f => Path.GetRelativePath(directory, f.Key)).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal) && f != "run.log" && f != "stages.json")
            .Order(StringComparer.Ordinal).ToList();
}
