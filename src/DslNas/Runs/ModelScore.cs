using System.Text.Json;

namespace DslNas.Runs;

/// <summary>A standalone model's scores: validation and test accuracy, test F1, measured latency and size.</summary>
public sealed record ModelScore(string Name, double ValidationAccuracy, double TestAccuracy, double TestF1, double LatencyMs, long Parameters)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Save(string path, IReadOnlyList<ModelScore> scores) => File.WriteAllText(path, JsonSerializer.Serialize(scores, Json));

    public static IReadOnlyList<ModelScore> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no models have been scored yet; run 'finalize' first", path);
        try
        {
            return JsonSerializer.Deserialize<List<ModelScore>>(File.ReadAllText(path)) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not DslNas model scores: {e.Message}", e);
        }
    }
}
