using DslNas.Artifacts;

namespace DslNas.Runs;

/// <summary>
/// A standalone model's scores: validation and test accuracy, test F1, measured latency and size; for a model of the
/// space, also its architecture, FLOPs and accuracy with the supernet's shared weights on the search split (where
/// pareto.svg places it among the evaluated architectures).
/// </summary>
public sealed record ModelScore(string Name, double ValidationAccuracy, double TestAccuracy, double TestF1, double LatencyMs, long Parameters,
    string? Architecture = null, long? Flops = null, double? SupernetAccuracy = null)
{
    public static void Save(string path, IReadOnlyList<ModelScore> scores) => JsonArtifact.Save(path, scores);

    public static IReadOnlyList<ModelScore> Load(string path) =>
        JsonArtifact.Load<List<ModelScore>>(path, "list of model scores", "no models have been scored yet; run 'finalize' first");
}
