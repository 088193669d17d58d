using DslNas.Artifacts;

namespace DslNas.Runs;

/// <summary>
/// front-latency.json: the front of a search that took latency from an estimate (a lookup table), each member measured
/// afterwards with the meter: its latency in the search and as measured.
/// </summary>
public sealed record FrontLatency(string Architecture, double SearchMs, double MeasuredMs)
{
    public static void Save(string path, IReadOnlyList<FrontLatency> front) => JsonArtifact.Save(path, front);

    public static IReadOnlyList<FrontLatency> Load(string path) =>
        JsonArtifact.Load<List<FrontLatency>>(path, "measured front", "the search measured latency itself, so its front needed no measuring");
}
