namespace DslNas.KillCampaign;

/// <summary>
/// A very small NAS-BERT-like space for kill-and-resume campaigns of the nas-bert method: 4 slots in 2 blocks, a
/// hidden size per block, an operation per slot.
/// </summary>
[SearchSpace("kill-tiny-blocks", Summary = "a very small space of operations in blocks for kill-and-resume campaigns")]
public sealed partial record KillTinyBlocks
{
    [Layers(4)] public int Layers { get; init; }
    [Hidden(16, 32), PerBlock(2)] public Layered<int> Hidden { get; init; } = [32, 32, 32, 32];
    [Heads(2)] public int Heads { get; init; }
    [Op(Op.Attention, Op.Ffn, Op.SepConv3, Op.Identity)] public Layered<Op> Ops { get; init; } = [Op.Attention, Op.Ffn, Op.Attention, Op.Ffn];

    [Constraint("a block starts with a real operation")]
    private static bool StartsReal(Op ops, [LayerIndex] int layer) => layer % 2 != 0 || ops != Op.Identity;
}
