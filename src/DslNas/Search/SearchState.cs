using System.Text.Json;
using DslNas.Artifacts;
using DslNas.Engine;

namespace DslNas.Search;

/// <summary>The state of a search after a generation, as JSON written atomically: enough to resume exactly.</summary>
internal static class SearchState
{
    public sealed record Entry(int[] Code, Metrics Metrics, int Generation);

    public sealed record Snapshot(string Options, int Generation, ulong RandomState, List<Entry> Evaluated, List<string> Population);

    public static void Save(EvolutionarySearch search, string path)
    {
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(search.Snapshot()));
    }

    /// <summary>A search continuing from a saved state; the options must be the ones it was started with.</summary>
    public static EvolutionarySearch Resume(SpaceEngine engine, SearchOptions options, Func<Genes, Metrics> evaluate, string path) =>
        Resume(engine, options, (IReadOnlyList<Genes> batch) => batch.Select(evaluate).ToList(), path);

    /// <summary>A search continuing from a saved state, with an evaluator that scores each generation's new architectures at once.</summary>
    public static EvolutionarySearch Resume(SpaceEngine engine, SearchOptions options, Func<IReadOnlyList<Genes>, IReadOnlyList<Metrics>> evaluate, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: there is no search state to resume", path);
        Snapshot snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<Snapshot>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: the search state is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the search state is not valid JSON: {e.Message}", e);
        }
        var expected = JsonSerializer.Serialize(options);
        if (snapshot.Options != expected)
            throw new InvalidDataException($"{path}: the search was started with other options ({snapshot.Options}), not {expected}");
        var search = new EvolutionarySearch(engine, options, evaluate);
        try
        {
            search.Restore(snapshot);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: the state holds an architecture that is not in this space: {e.Message}", e);
        }
        return search;
    }
}
