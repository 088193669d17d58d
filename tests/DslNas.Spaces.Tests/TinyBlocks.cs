namespace DslNas.Spaces.Tests;

/// <summary>A small NAS-BERT-like space: 4 slots in 2 blocks, hidden size per block, an operation per slot.</summary>
[SearchSpace("tiny-blocks", Summary = "operations per slot, hidden size per block of 2")]
public sealed partial record TinyBlocks
{
    [Layers(4)] public int Layers { get; init; }
    [Hidden(16, 32), PerBlock(2)] public Layered<int> Hidden { get; init; } = [32, 32, 32, 32];
    [Heads(2)] public int Heads { get; init; }
    [Op(Op.Attention, Op.Ffn, Op.SepConv3, Op.Identity)] public Layered<Op> Ops { get; init; } = [Op.Attention, Op.Ffn, Op.Attention, Op.Ffn];

    [Constraint("a block starts with a real operation")]
    private static bool StartsReal(Op ops, [LayerIndex] int layer) => layer % 2 != 0 || ops != Op.Identity;
}
