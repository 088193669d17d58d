using System.Text.Json;
using DslNas.Engine;
using DslNas.Search;

namespace DslNas.Distributed;

/// <summary>
/// Spreads a generation's candidates over the ranks: rank r evaluates candidates r, r + N, r + 2N, ...; the metrics
/// are all-gathered, so every rank (rank 0 included, which writes them) holds the whole generation in order and the
/// search goes on identically everywhere. One process evaluates everything itself.
/// </summary>
public static class DistributedEvaluation
{
    public static Func<IReadOnlyList<Genes>, IReadOnlyList<Metrics>> Split(DistributedWorld world, Func<Genes, Metrics> evaluate) => candidates =>
    {
        if (world.Size == 1) return candidates.Select(evaluate).ToList();
        var mine = Enumerable.Range(0, candidates.Count).Where(i => i % world.Size == world.Rank).Select(i => evaluate(candidates[i])).ToList();
        var gathered = world.AllGather(JsonSerializer.SerializeToUtf8Bytes(mine), $"gathering the metrics of {candidates.Count} candidates")
            .Select(bytes => JsonSerializer.Deserialize<List<Metrics>>(bytes) ?? throw new InvalidDataException("a rank sent no metrics"))
            .ToList();
        return Enumerable.Range(0, candidates.Count).Select(i => gathered[i % world.Size][i / world.Size]).ToList();
    };
}
