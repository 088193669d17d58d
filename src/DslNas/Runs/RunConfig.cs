using System.Text.Json;
using System.Text.Json.Serialization;
using DslNas.Search;

namespace DslNas.Runs;

/// <summary>
/// Everything a run depends on, saved as run.json in its directory. Data is "spam-assassin" (the shipped set) or a
/// TSV/CSV/JSONL file with the named text and label columns. The latency budget is absolute (ms) or a fraction of the
/// largest architecture's latency measured on this machine.
/// </summary>
public sealed record RunConfig(
    string Space = "fast-transformer",
    string Data = "spam-assassin",
    string TextColumn = "text",
    string LabelColumn = "label",
    int Vocabulary = 4000,
    int MaxLength = 64,
    int BatchSize = 16,
    int SupernetSteps = 300,
    double LearningRate = 1.5e-4,
    int RandomSubnets = 2,
    int Population = 10,
    int Generations = 3,
    CostObjective Cost = CostObjective.Latency,
    double LatencyBudgetFraction = 0.6,
    double? LatencyBudgetMs = null,
    int FineTuneSteps = 100,
    double FineTuneLearningRate = 5e-4,
    int Seed = 17,
    int LatencyBatch = 1)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public void Validate()
    {
        if (Vocabulary < 10) throw new ArgumentException($"--vocabulary must be at least 10, got {Vocabulary}");
        if (MaxLength < 4) throw new ArgumentException($"--max-length must be at least 4, got {MaxLength}");
        if (BatchSize < 1) throw new ArgumentException($"--batch must be positive, got {BatchSize}");
        if (SupernetSteps < 1) throw new ArgumentException($"--steps must be positive, got {SupernetSteps}");
        if (FineTuneSteps < 0) throw new ArgumentException($"--fine-tune-steps must not be negative, got {FineTuneSteps}");
        if (LatencyBatch < 1) throw new ArgumentException($"--latency-batch must be positive, got {LatencyBatch}");
        if (LatencyBudgetFraction is <= 0 or > 1) throw new ArgumentException($"--latency-fraction must lie in (0, 1], got {LatencyBudgetFraction}");
        new SearchOptions(Population, Generations, Cost: Cost, MaxLatencyMs: LatencyBudgetMs, Seed: Seed).Validate();
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RunConfig Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty run configuration");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a DslNas run configuration: {e.Message}", e);
        }
    }
}
