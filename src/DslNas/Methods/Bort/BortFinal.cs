using DslNas.Artifacts;
using DslNas.Training.Agora;

namespace DslNas.Methods.Bort;

/// <summary>One architecture at the end: its held-out MLM loss after the longer distillation, its test accuracy after plain and after Agora fine-tuning, size and measured latency.</summary>
public sealed record BortFinalModel(string Role, string Architecture, double HeldOutLoss, double PlainAccuracy, double AgoraAccuracy, string AgoraTheta,
    IReadOnlyList<AgoraRound> AgoraRounds, long EffectiveParameters, double LatencyMs);

/// <summary>final.json: the chosen architecture and the largest, trained the same way; the chosen one's size as a fraction of the largest's and its speed-up.</summary>
public sealed record BortFinal(BortFinalModel Chosen, BortFinalModel Largest)
{
    public double SizeFraction => Chosen.EffectiveParameters / (double)Largest.EffectiveParameters;

    public double SpeedUp => Largest.LatencyMs / Chosen.LatencyMs;

    public void Save(string path) => JsonArtifact.Save(path, this);

    public static BortFinal Load(string path) => JsonArtifact.Load<BortFinal>(path, "Bort final comparison", "the finalize stage has not run");
}
