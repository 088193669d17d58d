namespace DslNas.Spaces;

/// <summary>
/// The Length-Adaptive Transformer (Kim and Cho 2021): a fixed 12-layer encoder whose layers each keep fewer tokens,
/// never more than the layer before (PoWER-BERT's length reduction). Lengths from 16 to 128 in steps of 16.
/// </summary>
[SearchSpace("length-adaptive", Summary = "tokens kept per layer (non-increasing) for a fixed 12-layer encoder")]
public sealed partial record LengthAdaptive
{
    [Layers(12)] public int Layers { get; init; }
    [Hidden(256)] public int Hidden { get; init; }
    [Heads(4)] public int Heads { get; init; }
    [FfnSize(1024)] public int FfnSize { get; init; }
    [SeqLength(Min = 16, Max = 128, Step = 16)] public Layered<int> SeqLength { get; init; } = Layered.Repeat(128, 12);

    [Constraint("a layer keeps no more tokens than the layer before")]
    private static bool NonIncreasing([Previous("SeqLength")] int previous, int seqLength) => seqLength <= previous;

    [Preset("full-length")]
    public static LengthAdaptive FullLength => new() { Layers = 12, Hidden = 256, Heads = 4, FfnSize = 1024, SeqLength = Layered.Repeat(128, 12) };
}
