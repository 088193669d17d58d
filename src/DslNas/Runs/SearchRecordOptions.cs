using System.Text.Json;
using System.Text.Json.Serialization;
using DslNas.Search;

namespace DslNas.Runs;

/// <summary>
/// search.json: the options a search was asked for (its budget as given: milliseconds, or a fraction of the largest
/// architecture's latency) and, once measured, the resolved budget in milliseconds. The budget is resolved once, so
/// a killed search resumes with it whichever way it was given.
/// </summary>
public sealed record SearchRecordOptions(SearchOptions Search, LatencyOptions Latency, double? BudgetMs = null)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>Whether this record was asked for with the same options.</summary>
    public bool SameRequest(SearchRecordOptions other) => Search == other.Search && Latency == other.Latency;

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static SearchRecordOptions Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<SearchRecordOptions>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty search options");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a DslNas search record: {e.Message}", e);
        }
    }
}
