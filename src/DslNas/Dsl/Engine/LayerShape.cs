namespace DslNas.Engine;

/// <summary>
/// One layer of an architecture with the role defaults applied: its operation (<see cref="FullLayer"/> when the
/// space has no [Op]), hidden size, heads, query/key size per head, FFN width, and the tokens it keeps
/// (long.MaxValue without [SeqLength]).
/// </summary>
public sealed class LayerShape
{
    public const int FullLayer = -1;

    public LayerShape(int op, long hidden, long heads, long headSize, long ffn, long keep)
    {
        Op = op;
        Hidden = hidden;
        Heads = heads;
        HeadSize = headSize;
        Ffn = ffn;
        Keep = keep;
    }

    public int Op { get; }
    public long Hidden { get; }
    public long Heads { get; }
    public long HeadSize { get; }
    public long Ffn { get; }
    public long Keep { get; }
}
