using DslNas;

namespace CustomSpace;

/// <summary>A small encoder for edge devices: depth, width, heads, a FFN width per layer, and the learning rate to train it with.</summary>
[SearchSpace("tiny-encoder", Summary = "a small encoder for edge devices: depth, width, heads and per-layer FFN")]
public sealed partial record TinyEncoder
{
    [Layers(Min = 2, Max = 6, Step = 2)] public int Layers { get; init; }
    [Hidden(128, 192, 256)] public int Hidden { get; init; }
    [Heads(2, 4)] public int Heads { get; init; }
    [FfnSize(256, 512, 768)] public Layered<int> FfnSize { get; init; } = [512, 512];
    [Choice(1e-4, 3e-4)] public double LearningRate { get; init; }

    [Constraint("the FFN is at least as wide as the model")]
    private static bool WideFfn(int ffnSize, int hidden) => ffnSize >= hidden;

    [Constraint("heads divide the hidden size")]
    private static bool HeadsDivide(int heads, int hidden) => hidden % heads == 0;

    [Preset("edge")]
    public static TinyEncoder Edge => new() { Layers = 2, Hidden = 128, Heads = 2, FfnSize = [256, 256], LearningRate = 1e-4 };
}
