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
}
