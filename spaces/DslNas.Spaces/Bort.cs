namespace DslNas.Spaces;

/// <summary>
/// Bort (de Wynter and Perry 2020): the grid over depth, heads, hidden size and FFN width from which the optimal
/// subarchitecture of BERT-large is extracted. Heads must divide the hidden size. 300 architectures.
/// </summary>
[SearchSpace("bort", Summary = "Bort's grid: depth, heads, hidden and FFN width; heads divide hidden")]
public sealed partial record Bort
{
    [Layers(2, 4, 6, 8, 10, 12)] public int Layers { get; init; }
    [Heads(4, 8, 12, 16)] public int Heads { get; init; }
    [Hidden(512, 768, 1024)] public int Hidden { get; init; }
    [FfnSize(256, 512, 768, 1024, 3072)] public int FfnSize { get; init; }

    [Constraint("heads divide the hidden size")]
    private static bool HeadsDivideHidden(int heads, int hidden) => hidden % heads == 0;

    /// <summary>The teacher Bort distils from: 24 layers lie outside the grid, so it is a reference preset.</summary>
    [Preset("bert-large", OutsideSpace = true)]
    public static Bort BertLarge => new() { Layers = 24, Heads = 16, Hidden = 1024, FfnSize = 4096 };

    /// <summary>Bort's published result: D = 4, A = 8, H = 1024, I = 768.</summary>
    [Preset("bort")]
    public static Bort Result => new() { Layers = 4, Heads = 8, Hidden = 1024, FfnSize = 768 };
}
