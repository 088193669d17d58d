namespace DslNas.KillCampaign;

/// <summary>
/// A very small Bort grid for kill-and-resume campaigns of the bort method: depth, heads, hidden size and FFN width;
/// 16 architectures.
/// </summary>
[SearchSpace("kill-tiny-bort", Summary = "a very small Bort grid for kill-and-resume campaigns")]
public sealed partial record KillTinyBort
{
    [Layers(1, 2)] public int Layers { get; init; }
    [Heads(1, 2)] public int Heads { get; init; }
    [Hidden(8, 16)] public int Hidden { get; init; }
    [FfnSize(16, 32)] public int FfnSize { get; init; }
}
