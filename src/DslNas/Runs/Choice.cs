using System.Text.Json;
using DslNas.Search;

namespace DslNas.Runs;

/// <summary>choice.json: the architecture a search chose (as JSON), its metrics with the shared weights, and the budget it had to meet.</summary>
public sealed record Choice(string Architecture, int[] Code, Metrics Metrics, double BudgetMs)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The most accurate architecture on the front (every member of which respects the budget), the faster on ties.</summary>
    public static Evaluated Best(EvolutionarySearch search) =>
        search.Front.Where(e => search.Options.Violation(e.Metrics) == 0).OrderByDescending(e => e.Metrics.Accuracy).ThenBy(e => e.Metrics.LatencyMs).FirstOrDefault()
        ?? throw new InvalidOperationException("no evaluated architecture meets the latency budget; search again with a larger --latency-budget or --latency-fraction");

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static Choice Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: the search has chosen nothing yet; run 'choose' first", path);
        try
        {
            return JsonSerializer.Deserialize<Choice>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty choice");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a DslNas choice: {e.Message}", e);
        }
    }
}
