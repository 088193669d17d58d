namespace DslNas.KillCampaign;

/// <summary>
/// A very small encoder space: a supernet step takes milliseconds, so a campaign can kill and resume hundreds of
/// processes. Its per-layer kept lengths let the length-adaptive method run on it too.
/// </summary>
[SearchSpace("kill-tiny", Summary = "a very small encoder for kill-and-resume campaigns")]
public sealed partial record KillTiny
{
    [Layers(1, 2)] public int Layers { get; init; }
    [Hidden(32)] public int Hidden { get; init; }
    [Heads(1, 2)] public Layered<int> Heads { get; init; } = [2, 2];
    [FfnSize(32, 64)] public Layered<int> FfnSize { get; init; } = [64, 64];
    [SeqLength(Min = 4, Max = 16, Step = 4)] public Layered<int> SeqLength { get; init; } = [16, 16];

    [Constraint("kept lengths never grow")]
    private static bool NonIncreasing([Previous("SeqLength")] int previous, int seqLength) => seqLength <= previous;
}
