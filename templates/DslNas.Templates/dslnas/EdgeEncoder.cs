using DslNas;

namespace DslNasProject;

/// <summary>A search space of this project: depth, per-layer heads and FFN widths of a small encoder.</summary>
[SearchSpace("edge-encoder", Summary = "a small encoder: depth, per-layer heads and FFN width")]
public sealed partial record EdgeEncoder
{
    [Layers(2, 4)] public int Layers { get; init; }
    [Hidden(64)] public int Hidden { get; init; }
    [Heads(1, 2, 4)] public Layered<int> Heads { get; init; } = [2, 2];
    [FfnSize(128, 256)] public Layered<int> FfnSize { get; init; } = [256, 256];

    [Constraint("heads divide the hidden size")]
    private static bool HeadsDivide(int heads, int hidden) => hidden % heads == 0;
}
