using DslNas.Engine;
using DslNas.Torch;
using DslNas.Torch.Nn;

namespace DslNas.Nn.Dense;

/// <summary>
/// The dense model of a subnet that is not a plain encoder: per-layer operations (NAS-BERT), hidden-size transfers,
/// length reduction, pre-LayerNorm layers, or embeddings narrower than the first layer (NAS-BERT's embedding width E:
/// token and position embeddings and their layer norm of width E, then a linear map to the first hidden size, as
/// ALBERT factorizes them). It holds exactly the weights the subnet uses and runs through <see cref="SubnetRunner"/>.
/// </summary>
internal sealed class DenseSubnet : Module
{
    private readonly List<DenseSlot> slots = [];

    public DenseSubnet(SubnetPlan plan, int vocabularySize, int maxPositions, double dropout, LayerNormPlacement layerNorm, long? embeddingWidth = null)
    {
        Plan = plan;
        LayerNorm = layerNorm;
        var h0 = plan.FirstHidden;
        var e = embeddingWidth ?? h0;
        if (e < 1 || e > h0) throw new ArgumentOutOfRangeException(nameof(embeddingWidth), e, $"the embedding width must lie in [1, {h0}], the first hidden size");
        EmbeddingWidth = e;
        token_embedding = register_module(nameof(token_embedding), new Embedding(vocabularySize, e));
        position_embedding = register_module(nameof(position_embedding), new Embedding(maxPositions, e));
        embedding_norm = register_module(nameof(embedding_norm), new LayerNorm(e));
        if (e < h0) embedding_projection = register_module(nameof(embedding_projection), new Linear(e, h0));
        this.dropout = register_module(nameof(this.dropout), new Dropout(dropout));
        for (var i = 0; i < plan.Layers.Count; i++)
        {
            var before = i > 0 ? plan.Layers[i - 1].Hidden : h0;
            slots.Add(register_module($"layer{i}", new DenseSlot(plan.Layers[i], before, dropout)));
        }
        if (layerNorm == LayerNormPlacement.Pre) final_norm = register_module(nameof(final_norm), new LayerNorm(plan.LastHidden));
        // As the supernet and the dense encoder start: a model trained from fresh weights (NAS-BERT's final models)
        // would otherwise decode its tied MLM logits from standard-normal embeddings, tens of nats off at the start.
        TransformerEncoder.InitializeBertStyle(this);
    }

    public SubnetPlan Plan { get; }
    public LayerNormPlacement LayerNorm { get; }
    public LayerNorm? final_norm { get; }
    public Embedding token_embedding { get; }
    public Embedding position_embedding { get; }
    public LayerNorm embedding_norm { get; }

    /// <summary>The map from the embedding width to the first hidden size; null when the two are equal.</summary>
    public Linear? embedding_projection { get; }

    /// <summary>The width of the token embeddings (the first hidden size unless narrower embeddings were asked for).</summary>
    public long EmbeddingWidth { get; }

    public Dropout dropout { get; }
    public IReadOnlyList<DenseSlot> Slots => slots;

    public Tensor forward(Tensor ids, Tensor? keepMask = null) => SubnetRunner.Forward(new DenseOps(this), ids, keepMask);

    /// <summary>The layers alone over hidden states x [batch, seq, first hidden] (a latency table times one layer this way).</summary>
    public Tensor Layers(Tensor x, Tensor? keepMask = null) => SubnetRunner.Layers(new DenseOps(this), x, keepMask);

    /// <summary>The weights of one layer: a full BERT layer, or one operation with its layer norm, plus a transfer when the hidden size changes.</summary>
    public sealed class DenseSlot : Module
    {
        public DenseSlot(LayerShape shape, long hiddenBefore, double dropout)
        {
            var h = shape.Hidden;
            if (hiddenBefore != h) transfer = register_module(nameof(transfer), new Linear(hiddenBefore, h));
            switch (shape.Op)
            {
                case LayerOp.FullLayer:
                    layer = register_module(nameof(layer), new TransformerEncoderLayer(h, new EncoderLayerShape((int)shape.Heads, (int)shape.HeadSize, (int)shape.Ffn), dropout));
                    break;
                case LayerOp.Attention:
                    attention = register_module(nameof(attention), new MultiHeadSelfAttention(h, shape.Heads, shape.HeadSize, shape.HeadSize, dropout));
                    norm = register_module(nameof(norm), new LayerNorm(h));
                    break;
                case LayerOp.Ffn:
                    intermediate = register_module(nameof(intermediate), new Linear(h, shape.Ffn));
                    output = register_module(nameof(output), new Linear(shape.Ffn, h));
                    norm = register_module(nameof(norm), new LayerNorm(h));
                    break;
                case LayerOp.SepConv3 or LayerOp.SepConv5 or LayerOp.SepConv7:
                    using (var scope = torch.NewDisposeScope())
                    {
                        depthwise_weight = register_parameter(nameof(depthwise_weight), new Parameter(torch.zeros([h, 1, shape.Op.KernelSize()])));
                        depthwise_bias = register_parameter(nameof(depthwise_bias), new Parameter(torch.zeros([h])));
                    }
                    pointwise = register_module(nameof(pointwise), new Linear(h, h));
                    norm = register_module(nameof(norm), new LayerNorm(h));
                    break;
            }
        }

        public Linear? transfer { get; }
        public TransformerEncoderLayer? layer { get; }
        public MultiHeadSelfAttention? attention { get; }
        public Linear? intermediate { get; }
        public Linear? output { get; }
        public Parameter? depthwise_weight { get; }
        public Parameter? depthwise_bias { get; }
        public Linear? pointwise { get; }
        public LayerNorm? norm { get; }
    }

    private sealed class DenseOps(DenseSubnet net) : ISubnetOps
    {
        public SubnetPlan Plan => net.Plan;
        public LayerNormPlacement LayerNorm => net.LayerNorm;
        public bool Training => net.training;
        private DenseSlot S(int layer) => net.slots[layer];

        public Tensor Embed(Tensor ids) => net.EmbedTokens(ids);

        public (Tensor Output, Tensor? Probabilities) Attention(int layer, Tensor x, Tensor? additiveMask, bool keepProbabilities) =>
            (S(layer).layer?.attention ?? S(layer).attention!).Attend(x, additiveMask, keepProbabilities);

        public Tensor AttentionNorm(int layer, Tensor x) => (S(layer).layer?.attention_norm ?? S(layer).norm!).forward(x);

        public Tensor Ffn(int layer, Tensor x)
        {
            using var scope = torch.NewDisposeScope();
            var slot = S(layer);
            var (inner, outer) = slot.layer is { } full ? (full.intermediate, full.output) : (slot.intermediate!, slot.output!);
            return outer.forward(inner.forward(x).gelu()).MoveToOuterDisposeScope();
        }

        public Tensor FfnNorm(int layer, Tensor x) => (S(layer).layer?.output_norm ?? S(layer).norm!).forward(x);

        public Tensor SepConv(int layer, Tensor x, int kernel)
        {
            using var scope = torch.NewDisposeScope();
            var slot = S(layer);
            var h = x.size(-1);
            var convolved = torch.nn.functional.conv1d(x.transpose(1, 2), slot.depthwise_weight!, slot.depthwise_bias, padding: kernel / 2, groups: h);
            return slot.pointwise!.forward(convolved.transpose(1, 2)).gelu().MoveToOuterDisposeScope();
        }

        public Tensor SepConvNorm(int layer, Tensor x) => S(layer).norm!.forward(x);

        public Tensor Transfer(int layer, Tensor x) => S(layer).transfer!.forward(x);

        public Tensor FinalNorm(Tensor x) => net.final_norm!.forward(x);

        public Tensor Dropout(Tensor x) => net.dropout.forward(x);
    }

    private Tensor EmbedTokens(Tensor ids)
    {
        using var scope = torch.NewDisposeScope();
        var positions = torch.arange(ids.size(1)).unsqueeze(0);
        var embedded = token_embedding.forward(ids).add(position_embedding.forward(positions));
        var normalized = dropout.forward(embedding_norm.forward(embedded));
        return (embedding_projection is null ? normalized : embedding_projection.forward(normalized)).MoveToOuterDisposeScope();
    }
}
