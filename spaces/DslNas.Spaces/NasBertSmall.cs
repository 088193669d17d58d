namespace DslNas.Spaces;

/// <summary>
/// NAS-BERT at the scale two CPU cores train: 8 operation slots in 2 blocks of 4; each slot runs attention, an FFN,
/// a separable convolution (kernel 3, 5 or 7) or nothing, and each block has its own hidden size of 64, 96 or 128.
/// Identities may only end a block, so a block holds 1 to 4 real operations: 3 x (5 + 5^2 + 5^3 + 5^4) = 2,340
/// choices per block, against the paper's 97,650 (the seed space "nas-bert").
/// </summary>
[SearchSpace("nas-bert-small", Summary = "NAS-BERT at a 2-core scale: an operation per slot and a hidden size per block of 4 slots")]
public sealed partial record NasBertSmall
{
    public const int BlockSize = 4;

    [Layers(8)] public int Layers { get; init; }
    [Hidden(64, 96, 128), PerBlock(BlockSize)] public Layered<int> Hidden { get; init; } = Layered.Repeat(128, 8);
    [Heads(2)] public int Heads { get; init; }
    [Op(Op.Attention, Op.Ffn, Op.SepConv3, Op.SepConv5, Op.SepConv7, Op.Identity)] public Layered<Op> Ops { get; init; } = Layered.Repeat(Op.Attention, 8);

    [Constraint("a block starts with a real operation")]
    private static bool BlockStartsWithOperation(Op ops, [LayerIndex] int layer) => layer % BlockSize != 0 || ops != Op.Identity;

    [Constraint("identity only at a block's tail")]
    private static bool IdentityOnlyAtTail([Previous("Ops")] Op previous, Op ops, [LayerIndex] int layer) =>
        layer % BlockSize == 0 || previous != Op.Identity || ops == Op.Identity;
}
