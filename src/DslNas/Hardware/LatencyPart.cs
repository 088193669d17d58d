using DslNas.Engine;

namespace DslNas.Hardware;

/// <summary>What a <see cref="LatencyPart"/> times: the embeddings, a hidden-size transfer, or one layer's operation.</summary>
public enum LatencyPartKind
{
    Embedding,
    Transfer,
    Layer,
}

/// <summary>
/// One piece of a forward pass that a lookup table times on its own, with exactly the sizes its latency depends on:
/// the embeddings (hidden size, tokens), a transfer between hidden sizes (from, to, tokens), or a layer's operation
/// (its hidden size, heads, query/key size per head and FFN width where the operation has them, 0 where it has not;
/// the tokens it receives and keeps). The batch is the table's.
/// </summary>
public sealed record LatencyPart(LatencyPartKind Kind, LayerOp Op, long HiddenIn, long Hidden, long Heads, long HeadSize, long Ffn, long TokensIn, long TokensOut)
{
    public static LatencyPart Embedding(long hidden, long tokens) => new(LatencyPartKind.Embedding, LayerOp.Identity, hidden, hidden, 0, 0, 0, tokens, tokens);

    public static LatencyPart Transfer(long from, long to, long tokens) => new(LatencyPartKind.Transfer, LayerOp.Identity, from, to, 0, 0, 0, tokens, tokens);

    /// <summary>The part of a layer of shape <paramref name="shape"/> that receives <paramref name="tokensIn"/> tokens and keeps <paramref name="tokensOut"/>.</summary>
    public static LatencyPart Layer(LayerShape shape, long tokensIn, long tokensOut)
    {
        var attends = shape.Op is LayerOp.FullLayer or LayerOp.Attention;
        var feeds = shape.Op is LayerOp.FullLayer or LayerOp.Ffn;
        return new LatencyPart(LatencyPartKind.Layer, shape.Op, shape.Hidden, shape.Hidden, attends ? shape.Heads : 0, attends ? shape.HeadSize : 0,
            feeds ? shape.Ffn : 0, tokensIn, tokensOut);
    }

    /// <summary>The layer shape this part runs (a reducing layer keeps <see cref="TokensOut"/> tokens).</summary>
    public LayerShape Shape => new(Op, Hidden, Heads, HeadSize, Ffn, TokensOut < TokensIn ? TokensOut : long.MaxValue);

    public override string ToString() => Kind switch
    {
        LatencyPartKind.Embedding => $"embedding h={Hidden} t={TokensIn}",
        LatencyPartKind.Transfer => $"transfer {HiddenIn}->{Hidden} t={TokensIn}",
        _ => Op switch
        {
            LayerOp.FullLayer => $"layer h={Hidden} a={Heads} d={HeadSize} f={Ffn} t={TokensIn}{(TokensOut < TokensIn ? $"->{TokensOut}" : "")}",
            LayerOp.Attention => $"attention h={Hidden} a={Heads} d={HeadSize} t={TokensIn}",
            LayerOp.Ffn => $"ffn h={Hidden} f={Ffn} t={TokensIn}",
            _ => $"{Op} h={Hidden} t={TokensIn}",
        },
    };
}
