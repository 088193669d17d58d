namespace DslNas.Spaces.Tests;

/// <summary>A small space with per-layer shapes and kept lengths, for fast supernet training tests.</summary>
[SearchSpace("tiny-lengths", Summary = "per-layer heads, FFN and kept length on a small encoder")]
public sealed partial record TinyLengths
{
    [Layers(2, 3)] public int Layers { get; init; }
    [Hidden(32)] public int Hidden { get; init; }
    [Heads(1, 2)] public Layered<int> Heads { get; init; } = [2, 2];
    [FfnSize(32, 64)] public Layered<int> FfnSize { get; init; } = [64, 64];
    [SeqLength(Min = 4, Max = 16, Step = 4)] public Layered<int> SeqLength { get; init; } = [16, 16];

    [Constraint("kept lengths never grow")]
    private static bool NonIncreasing([Previous("SeqLength")] int previous, int seqLength) => seqLength <= previous;
}
