using DslNas.Torch;
using DslNas.Torch.Nn;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Nn.Elastic;

/// <summary>
/// Multi-head self-attention allocated at the largest hidden size and the largest heads x head size. An
/// architecture with a heads of size d and hidden h uses the first a·d rows of the query, key and value projections
/// (viewed as a heads of d features, as the dense attention views them) and the matching block of the output.
/// </summary>
internal sealed class ElasticAttention : Module
{
    public ElasticAttention(long maxHidden, long maxProjection, double dropout)
    {
        this.dropout = register_module(nameof(dropout), new Dropout(dropout));
        query = register_module(nameof(query), new ElasticLinear(maxHidden, maxProjection));
        key = register_module(nameof(key), new ElasticLinear(maxHidden, maxProjection));
        value = register_module(nameof(value), new ElasticLinear(maxHidden, maxProjection));
        output = register_module(nameof(output), new ElasticLinear(maxProjection, maxHidden));
    }

    public ElasticLinear query { get; }
    public ElasticLinear key { get; }
    public ElasticLinear value { get; }
    public ElasticLinear output { get; }
    public Dropout dropout { get; }

    /// <summary>
    /// The attended values [batch, seq, hidden] and, when asked, the attention probabilities [batch, heads, seq, seq].
    /// In eval mode without probabilities it runs as one call (<c>self_attention</c>), which computes the same.
    /// </summary>
    public (Tensor Output, Tensor? Probabilities) forward(Tensor x, Tensor? mask, long hidden, long heads, long headSize, bool keepProbabilities)
    {
        var batch = x.size(0);
        var length = x.size(1);
        var projection = heads * headSize;
        using var scope = torch.NewDisposeScope();
        if (!training && !keepProbabilities)
            return (F.self_attention(x, mask, query.Weight(hidden, projection), query.Bias(projection), key.Weight(hidden, projection), key.Bias(projection),
                value.Weight(hidden, projection), value.Bias(projection), output.Weight(projection, hidden), output.Bias(hidden), heads, headSize)
                .MoveToOuterDisposeScope(), null);
        var q = query.forward(x, hidden, projection).view(batch, length, heads, headSize).transpose(1, 2);
        var k = key.forward(x, hidden, projection).view(batch, length, heads, headSize).transpose(1, 2);
        var v = value.forward(x, hidden, projection).view(batch, length, heads, headSize).transpose(1, 2);
        var scores = q.matmul(k.transpose(-1, -2)).mul(1 / Math.Sqrt(headSize));
        if (mask is not null) scores = scores.add(mask);
        var probabilities = scores.softmax(-1);
        var context = dropout.forward(probabilities).matmul(v).transpose(1, 2).reshape(batch, length, projection);
        var result = output.forward(context, projection, hidden).MoveToOuterDisposeScope();
        return (result, keepProbabilities ? probabilities.MoveToOuterDisposeScope() : null);
    }

    /// <summary>Copies the projections of this shape into a dense attention with a heads of d features.</summary>
    public void CopyInto(MultiHeadSelfAttention target, long hidden, long heads, long headSize)
    {
        var projection = heads * headSize;
        query.CopyInto(target.query, hidden, projection);
        key.CopyInto(target.key, hidden, projection);
        value.CopyInto(target.value, hidden, projection);
        output.CopyInto(target.output, projection, hidden);
    }
}
