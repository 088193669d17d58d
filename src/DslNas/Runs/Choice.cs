using System.Text.Json;
using DslNas.Search;

namespace DslNas.Runs;

/// <summary>
/// choice.json: the architecture a search chose (as JSON and genes), its metrics with the shared weights on the
/// search split, its accuracy with the shared weights on validation (what it was chosen by), and the budget it met.
/// </summary>
public sealed record Choice(string Architecture, int[] Code, Metrics Metrics, double ValidationAccuracy, double BudgetMs)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

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
