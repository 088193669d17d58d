namespace DslNas.Spaces;

/// <summary>
/// Component composition (Tsai et al. 2020, "Finding Fast Transformers"): every layer chooses its heads, query/key
/// size per head and FFN width; the depth is searched too.
/// </summary>
[SearchSpace("fast-transformer", Summary = "per-layer heads, query/key size and FFN width")]
public sealed partial record FastTransformer
{
    [Layers(4, 6, 8)] public int Layers { get; init; }
    [Hidden(256)] public int Hidden { get; init; }
    [Heads(1, 2, 4, 8)] public Layered<int> Heads { get; init; } = Layered.Repeat(4, 4);
    [HeadSize(16, 32, 64)] public Layered<int> HeadSize { get; init; } = Layered.Repeat(64, 4);
    [FfnSize(256, 512, 1024)] public Layered<int> FfnSize { get; init; } = Layered.Repeat(1024, 4);

    [Constraint("heads must fit in the hidden size")]
    private static bool HeadsFit(int hidden, int heads, int headSize) => heads * headSize <= hidden;

    [Preset("base")]
    public static FastTransformer Base => new() { Layers = 4, Hidden = 256, Heads = [4, 4, 4, 4], HeadSize = [64, 64, 64, 64], FfnSize = [1024, 1024, 1024, 1024] };
}
