namespace DslNas.Spaces;

/// <summary>
/// NAS-BERT (Xu et al. 2021): 24 operation slots in 4 blocks of 6; each slot runs attention, an FFN, a separable
/// convolution (kernel 3, 5 or 7) or nothing, and each block has its own hidden size. Identities may only end a
/// block, so a block holds 1 to 6 real operations: 5 x (5 + 5^2 + ... + 5^6) = 97,650 choices per block.
/// </summary>
[SearchSpace("nas-bert", Summary = "NAS-BERT: an operation per slot and a hidden size per block of 6 slots")]
public sealed partial record NasBert
{
    public const int BlockSize = 6;

    [Layers(24)] public int Layers { get; init; }
    [Hidden(128, 192, 256, 384, 512), PerBlock(BlockSize)] public Layered<int> Hidden { get; init; } = Layered.Repeat(512, 24);
    [Heads(4)] public int Heads { get; init; }
    [Op(Op.Attention, Op.Ffn, Op.SepConv3, Op.SepConv5, Op.SepConv7, Op.Identity)] public Layered<Op> Ops { get; init; } = Layered.Repeat(Op.Attention, 24);

    [Constraint("a block starts with a real operation")]
    private static bool BlockStartsWithOperation(Op ops, [LayerIndex] int layer) => layer % BlockSize != 0 || ops != Op.Identity;

    [Constraint("identity only at a block's tail")]
    private static bool IdentityOnlyAtTail([Previous("Ops")] Op previous, Op ops, [LayerIndex] int layer) =>
        layer % BlockSize == 0 || previous != Op.Identity || ops == Op.Identity;
}
