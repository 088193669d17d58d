using DslNas.Artifacts;

namespace DslNas.Runs;

/// <summary>A standalone model's scores: validation and test accuracy, test F1, measured latency and size.</summary>
public sealed record ModelScore(string Name, double ValidationAccuracy, double TestAccuracy, double TestF1, double LatencyMs, long Parameters)
{
    public static void Save(string path, IReadOnlyList<ModelScore> scores) => JsonArtifact.Save(path, scores);

    public static IReadOnlyList<ModelScore> Load(string path) =>
        JsonArtifact.Load<List<ModelScore>>(path, "list of model scores", "no models have been scored yet; run 'finalize' first");
}
