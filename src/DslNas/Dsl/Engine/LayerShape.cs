namespace DslNas.Engine;

/// <summary>
/// One layer of an architecture with the role defaults applied: its operation (<see cref="LayerOp.FullLayer"/> when
/// the space has no [Op]), hidden size, heads, query/key size per head, FFN width, and the tokens it keeps
/// (long.MaxValue without [SeqLength]).
/// </summary>
public sealed class LayerShape
{
    public LayerShape(LayerOp op, long hidden, long heads, long headSize, long ffn, long keep)
    {
        Op = op;
        Hidden = hidden;
        Heads = heads;
        HeadSize = headSize;
        Ffn = ffn;
        Keep = keep;
    }

    public LayerOp Op { get; }
    public long Hidden { get; }
    public long Heads { get; }
    public long HeadSize { get; }
    public long Ffn { get; }
    public long Keep { get; }
}
