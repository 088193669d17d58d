using DslNas.Torch;
using DslNas.Torch.Nn;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Nn.Elastic;

/// <summary>Token and position embeddings with the first h features, then layer norm and dropout.</summary>
internal sealed class ElasticEmbedding : Module
{
    public ElasticEmbedding(long vocabularySize, long maxPositions, long maxHidden, double dropout)
    {
        using (var scope = torch.NewDisposeScope())
        {
            token = register_parameter(nameof(token), new Parameter(torch.empty([vocabularySize, maxHidden])));
            position = register_parameter(nameof(position), new Parameter(torch.empty([maxPositions, maxHidden])));
            Init.Normal(token, 0.02);
            Init.Normal(position, 0.02);
        }
        norm = register_module(nameof(norm), new ElasticLayerNorm(maxHidden));
        this.dropout = register_module(nameof(dropout), new Dropout(dropout));
        MaxPositions = maxPositions;
    }

    public Parameter token { get; }
    public Parameter position { get; }
    public ElasticLayerNorm norm { get; }
    public Dropout dropout { get; }
    public long MaxPositions { get; }

    public Tensor forward(Tensor ids, long hidden)
    {
        var length = ids.size(1);
        if (length > MaxPositions) throw new ArgumentException($"the sequence has {length} tokens but the supernet has {MaxPositions} positions");
        using var scope = torch.NewDisposeScope();
        var positions = torch.arange(length).unsqueeze(0);
        var embedded = F.embedding(ids, token.narrow(1, 0, hidden)).add(F.embedding(positions, position.narrow(1, 0, hidden)));
        return dropout.forward(norm.forward(embedded, hidden)).MoveToOuterDisposeScope();
    }

    /// <summary>Copies the first h features into a dense encoder's embeddings.</summary>
    public void CopyInto(Embedding tokens, Embedding positions, LayerNorm layerNorm, long hidden)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        tokens.weight.copy_(token.narrow(1, 0, hidden));
        positions.weight.copy_(position.narrow(1, 0, hidden));
        layerNorm.weight.copy_(norm.weight.narrow(0, 0, hidden));
        layerNorm.bias.copy_(norm.bias.narrow(0, 0, hidden));
    }
}
