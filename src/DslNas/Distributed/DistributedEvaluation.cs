using System.Text.Json;
using DslNas.Engine;
using DslNas.Search;

namespace DslNas.Distributed;

/// <summary>
/// Spreads independent evaluations over the ranks: rank r evaluates items r, r + N, r + 2N, ...; the results are
/// all-gathered (as JSON), so every rank (rank 0 included, which writes them) holds all of them in order and goes on
/// identically. One process evaluates everything itself.
/// </summary>
public static class DistributedEvaluation
{
    /// <summary>An evaluator for a search: each generation's candidates split over the ranks.</summary>
    public static Func<IReadOnlyList<Genes>, IReadOnlyList<Metrics>> Split(DistributedWorld world, Func<Genes, Metrics> evaluate) =>
        candidates => Map(world, candidates, evaluate, $"gathering the metrics of {candidates.Count} candidates");

    /// <summary><paramref name="evaluate"/> of every item, each computed on one rank, in the items' order on every rank.</summary>
    public static IReadOnlyList<TResult> Map<T, TResult>(DistributedWorld world, IReadOnlyList<T> items, Func<T, TResult> evaluate, string what)
    {
        if (world.Size == 1) return items.Select(evaluate).ToList();
        var mine = Enumerable.Range(0, items.Count).Where(i => i % world.Size == world.Rank).Select(i => evaluate(items[i])).ToList();
        var gathered = world.AllGather(JsonSerializer.SerializeToUtf8Bytes(mine), what)
            .Select(bytes => JsonSerializer.Deserialize<List<TResult>>(bytes) ?? throw new InvalidDataException("a rank sent no results"))
            .ToList();
        return Enumerable.Range(0, items.Count).Select(i => gathered[i % world.Size][i / world.Size]).ToList();
    }
}
