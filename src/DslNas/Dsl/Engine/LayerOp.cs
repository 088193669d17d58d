using System;

namespace DslNas.Engine;

/// <summary>
/// What one layer runs: one of the DSL's operations (<see cref="Op"/>), or a full BERT layer (attention, then FFN),
/// which every slot of a space without [Op] runs.
/// </summary>
public enum LayerOp
{
    FullLayer,
    Attention,
    Ffn,
    SepConv3,
    SepConv5,
    SepConv7,
    Identity,
}

public static class LayerOps
{
    public static LayerOp ToLayerOp(this Op op) => op switch
    {
        Op.Attention => LayerOp.Attention,
        Op.Ffn => LayerOp.Ffn,
        Op.SepConv3 => LayerOp.SepConv3,
        Op.SepConv5 => LayerOp.SepConv5,
        Op.SepConv7 => LayerOp.SepConv7,
        Op.Identity => LayerOp.Identity,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not an operation of the DSL"),
    };

    /// <summary>The operation of an [Op] candidate, which a <see cref="DimensionSpec"/> holds as its enum value.</summary>
    public static LayerOp FromCandidate(double value) => ((Op)(int)value).ToLayerOp();

    public static bool IsSepConv(this LayerOp op) => op is LayerOp.SepConv3 or LayerOp.SepConv5 or LayerOp.SepConv7;

    /// <summary>The kernel width of a separable convolution: the one mapping from operations to kernels.</summary>
    public static int KernelSize(this LayerOp op) => op switch
    {
        LayerOp.SepConv3 => 3,
        LayerOp.SepConv5 => 5,
        LayerOp.SepConv7 => 7,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "only a separable convolution has a kernel"),
    };
}
