using DslNas.Artifacts;

namespace DslNas.Methods.NasBert;

/// <summary>shrinking.json: the rounds done and the paths alive per block and bin after them, saved with each checkpoint.</summary>
public sealed record ShrinkingState(int Round, int[][][] Alive)
{
    public void Save(string path) => JsonArtifact.Save(path, this);

    public static ShrinkingState Load(string path) => JsonArtifact.Load<ShrinkingState>(path, "NAS-BERT shrinking state", "the supernet has not been trained yet");
}
