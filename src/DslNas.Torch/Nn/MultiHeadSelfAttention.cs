namespace DslNas.Torch.Nn;

/// <summary>
/// Self-attention with <c>heads</c> heads whose queries and keys have <c>headSize</c> features and whose values
/// have <c>valueSize</c> features; query/key size and value size may differ from hidden / heads.
/// </summary>
public sealed class MultiHeadSelfAttention : Module
{
    private readonly double scale;

    public MultiHeadSelfAttention(long hidden, long heads, long headSize, long? valueSize = null, double dropout = 0.0)
    {
        if (heads < 1 || headSize < 1)
            throw new ArgumentOutOfRangeException(nameof(heads), $"attention needs at least one head of positive size, got {heads} x {headSize}");
        Heads = heads;
        HeadSize = headSize;
        ValueSize = valueSize ?? headSize;
        scale = 1 / Math.Sqrt(headSize);
        query = register_module(nameof(query), new Linear(hidden, heads * headSize));
        key = register_module(nameof(key), new Linear(hidden, heads * headSize));
        value = register_module(nameof(value), new Linear(hidden, heads * ValueSize));
        output = register_module(nameof(output), new Linear(heads * ValueSize, hidden));
        this.dropout = register_module(nameof(dropout), new Dropout(dropout));
    }

    public long Heads { get; }
    public long HeadSize { get; }
    public long ValueSize { get; }
    public Linear query { get; }
    public Linear key { get; }
    public Linear value { get; }
    public Linear output { get; }
    public Dropout dropout { get; }

    /// <summary>Attends over x [batch, seq, hidden]; mask is additive, broadcastable to [batch, heads, seq, seq].</summary>
    public Tensor forward(Tensor x, Tensor? mask = null) => Attend(x, mask, keepProbabilities: false).Output;

    /// <summary>As <see cref="forward"/>, also returning the attention probabilities [batch, heads, seq, seq].</summary>
    public (Tensor Output, Tensor? Probabilities) Attend(Tensor x, Tensor? mask, bool keepProbabilities)
    {
        var batch = x.size(0);
        var length = x.size(1);
        using var scope = torch.NewDisposeScope();
        var q = query.forward(x).view(batch, length, Heads, HeadSize).transpose(1, 2);
        var k = key.forward(x).view(batch, length, Heads, HeadSize).transpose(1, 2);
        var v = value.forward(x).view(batch, length, Heads, ValueSize).transpose(1, 2);
        var scores = q.matmul(k.transpose(-1, -2)).mul(scale);
        if (mask is not null) scores = scores.add(mask);
        var probabilities = scores.softmax(-1);
        var context = dropout.forward(probabilities).matmul(v).transpose(1, 2).reshape(batch, length, Heads * ValueSize);
        var result = output.forward(context).MoveToOuterDisposeScope();
        return (result, keepProbabilities ? probabilities.MoveToOuterDisposeScope() : null);
    }
}
