namespace DslNas.Spaces.Tests;

/// <summary>A space with free hyper-parameters of every value type, declared in this test project.</summary>
[SearchSpace("tiny-choices", Summary = "choices of every type")]
public sealed partial record TinyChoices
{
    [Layers(1, 2)] public int Layers { get; init; }
    [Hidden(16, 32)] public int Hidden { get; init; }
    [Heads(1, 2)] public int Heads { get; init; }
    [Choice(0.0, 0.1)] public double Dropout { get; init; }
    [Choice("adamw", "sgd")] public string Optimizer { get; init; } = "adamw";
    [Choice(true, false)] public bool Warmup { get; init; }
}
