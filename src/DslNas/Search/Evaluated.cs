using DslNas.Engine;

namespace DslNas.Search;

/// <summary>An evaluated architecture: its encoding (the cache key), genes, metrics and the generation that found it.</summary>
public sealed record Evaluated(int[] Code, Genes Genes, Metrics Metrics, int Generation)
{
    public string Key => string.Join(",", Code);
}
