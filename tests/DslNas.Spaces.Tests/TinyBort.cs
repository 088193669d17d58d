namespace DslNas.Spaces.Tests;

/// <summary>Bort's grid in miniature: depth, heads, hidden and FFN width, heads dividing hidden (20 architectures).</summary>
[SearchSpace("tiny-bort", Summary = "Bort's grid in miniature")]
public sealed partial record TinyBort
{
    [Layers(1, 2)] public int Layers { get; init; }
    [Heads(1, 2, 3)] public int Heads { get; init; }
    [Hidden(6, 8)] public int Hidden { get; init; }
    [FfnSize(8, 16)] public int FfnSize { get; init; }

    [Constraint("heads divide the hidden size")]
    private static bool HeadsDivideHidden(int heads, int hidden) => hidden % heads == 0;
}

/// <summary>A Bort grid too large for an exhaustive search (4 x 4 x 22 = 352 architectures).</summary>
[SearchSpace("many-bort", Summary = "a Bort grid of 352 architectures")]
public sealed partial record ManyBort
{
    [Layers(1, 2, 3, 4)] public int Layers { get; init; }
    [Heads(1, 2)] public int Heads { get; init; }
    [Hidden(4, 8)] public int Hidden { get; init; }
    [FfnSize(Min = 4, Max = 88, Step = 4)] public int FfnSize { get; init; }
}
