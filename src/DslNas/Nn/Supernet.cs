using DslNas.Engine;
using DslNas.Nn.Elastic;
using DslNas.Torch;
using DslNas.Torch.Nn;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Nn;

/// <summary>
/// A weight-sharing network over a search space, allocated at the space's largest sizes: every layer slot holds the
/// elastic operations its candidates need, and a subnet runs the first layers with prefix slices of their weights
/// (the sampling policy lives outside, in training and search). <see cref="Extract"/> copies a subnet's slices into
/// a standalone dense model that computes the same function.
/// </summary>
public class Supernet : Module
{
    private readonly List<Slot> slots = [];

    public Supernet(SpaceEngine engine, SupernetOptions options)
    {
        Engine = engine;
        Options = options;
        double Max(Role role, double fallback) => engine.Dimensions.Where(d => d.Role == role).SelectMany(d => d.Values).DefaultIfEmpty(fallback).Max();
        MaxHidden = (long)Max(Role.Hidden, 0);
        var hasHeadSize = engine.Dimensions.Any(d => d.Role == Role.HeadSize);
        MaxProjection = hasHeadSize ? (long)(Max(Role.Heads, 1) * Max(Role.HeadSize, 1)) : MaxHidden;
        MaxFfn = (long)Max(Role.FfnSize, 4 * MaxHidden);
        var ops = engine.Dimensions.FirstOrDefault(d => d.Role == Role.Op)?.Values.Select(LayerOps.FromCandidate).ToHashSet();
        var attention = ops is null || ops.Contains(LayerOp.Attention);
        var ffn = ops is null || ops.Contains(LayerOp.Ffn);
        var sepConv = ops is not null && ops.Any(LayerOps.IsSepConv);
        var transfers = engine.Dimensions.Any(d => d.Role == Role.Hidden && d.PerLayer);

        embedding = register_module(nameof(embedding), new ElasticEmbedding(options.VocabularySize, options.MaxPositions, MaxHidden, options.Dropout));
        for (var i = 0; i < engine.MaxLayers; i++)
            slots.Add(register_module($"slot{i}", new Slot(MaxHidden, MaxProjection, MaxFfn, options.Dropout, attention, ffn, sepConv, transfers && i > 0)));
        if (options.LayerNorm == LayerNormPlacement.Pre) final_norm = register_module(nameof(final_norm), new ElasticLayerNorm(MaxHidden));
        classifier = register_module(nameof(classifier), new ElasticLinear(MaxHidden, options.Classes));
        using (var scope = torch.NewDisposeScope())
            mlm_bias = register_parameter(nameof(mlm_bias), new Parameter(torch.zeros([options.VocabularySize])));
        dropout = register_module(nameof(dropout), new Dropout(options.Dropout));
    }

    public SpaceEngine Engine { get; }
    public SupernetOptions Options { get; }
    public long MaxHidden { get; }
    public long MaxProjection { get; }
    public long MaxFfn { get; }
    internal ElasticEmbedding embedding { get; }
    internal IReadOnlyList<Slot> Slots => slots;
    internal ElasticLinear classifier { get; }
    internal ElasticLayerNorm? final_norm { get; }
    public Parameter mlm_bias { get; }
    public Dropout dropout { get; }

    /// <summary>Hidden states [batch, seq, last hidden] of the subnet.</summary>
    public Tensor Forward(Tensor ids, Tensor? keepMask, SubnetPlan plan) => SubnetRunner.Forward(Ops(plan), ids, keepMask);

    /// <summary>The subnet's hidden states after every layer and its attention probabilities, for distillation.</summary>
    public EncoderTrace Trace(Tensor ids, Tensor? keepMask, SubnetPlan plan) => SubnetRunner.Trace(Ops(plan), ids, keepMask);

    /// <summary>Class logits [batch, classes] from the first ([CLS]) position.</summary>
    public Tensor Classify(Tensor ids, Tensor? keepMask, SubnetPlan plan)
    {
        using var scope = torch.NewDisposeScope();
        return ClassLogits(SubnetRunner.FirstPosition(Ops(plan), ids, keepMask), plan).MoveToOuterDisposeScope();
    }

    /// <summary>Class logits [batch, classes] of the subnet's hidden states [batch, seq, last hidden].</summary>
    public Tensor ClassLogits(Tensor hidden, SubnetPlan plan)
    {
        using var scope = torch.NewDisposeScope();
        return classifier.forward(dropout.forward(hidden.select(1, 0)), plan.LastHidden, Options.Classes).MoveToOuterDisposeScope();
    }

    /// <summary>Token logits [batch, seq, vocabulary] from a decoder tied to the token embeddings (needs the last hidden size to equal the first).</summary>
    public Tensor MaskedLanguageModel(Tensor ids, Tensor? keepMask, SubnetPlan plan)
    {
        using var scope = torch.NewDisposeScope();
        return MlmLogits(Forward(ids, keepMask, plan), plan).MoveToOuterDisposeScope();
    }

    /// <summary>Token logits [..., vocabulary] of the subnet's hidden states [..., last hidden], from the tied decoder.</summary>
    public Tensor MlmLogits(Tensor hidden, SubnetPlan plan)
    {
        if (plan.LastHidden != plan.FirstHidden)
            throw new InvalidOperationException($"the tied MLM head needs the last hidden size ({plan.LastHidden}) to equal the embedding size ({plan.FirstHidden})");
        using var scope = torch.NewDisposeScope();
        return F.linear(hidden, embedding.token.narrow(1, 0, plan.FirstHidden), mlm_bias).MoveToOuterDisposeScope();
    }

    /// <summary>The plan's computations with shared weights; layer i of the plan runs in slot <paramref name="firstSlot"/> + i.</summary>
    internal ISubnetOps Ops(SubnetPlan plan, int firstSlot = 0)
    {
        if (firstSlot + plan.Layers.Count > slots.Count)
            throw new ArgumentException($"the plan has {plan.Layers.Count} layers from slot {firstSlot} but the supernet {slots.Count}");
        return new SupernetOps(this, plan, firstSlot);
    }

    /// <summary>A standalone dense model with copied weights whose outputs equal this supernet's for the plan.</summary>
    public ExtractedSubnet Extract(SubnetPlan plan) => ExtractedSubnet.From(this, plan);

    /// <summary>The elastic operations of one layer slot; absent ones are null.</summary>
    internal sealed class Slot : Module
    {
        public Slot(long hidden, long projection, long ffn, double dropout, bool attention, bool feedForward, bool sepConv, bool transfer)
        {
            if (attention)
            {
                this.attention = register_module(nameof(this.attention), new ElasticAttention(hidden, projection, dropout));
                attention_norm = register_module(nameof(attention_norm), new ElasticLayerNorm(hidden));
            }
            if (feedForward)
            {
                this.ffn = register_module(nameof(this.ffn), new ElasticFfn(hidden, ffn));
                ffn_norm = register_module(nameof(ffn_norm), new ElasticLayerNorm(hidden));
            }
            if (sepConv)
            {
                sep_conv = register_module(nameof(sep_conv), new ElasticSepConv(hidden));
                sep_conv_norm = register_module(nameof(sep_conv_norm), new ElasticLayerNorm(hidden));
            }
            if (transfer) this.transfer = register_module(nameof(this.transfer), new ElasticLinear(hidden, hidden));
        }

        public ElasticAttention? attention { get; }
        public ElasticLayerNorm? attention_norm { get; }
        public ElasticFfn? ffn { get; }
        public ElasticLayerNorm? ffn_norm { get; }
        public ElasticSepConv? sep_conv { get; }
        public ElasticLayerNorm? sep_conv_norm { get; }
        public ElasticLinear? transfer { get; }
    }

    private sealed class SupernetOps(Supernet net, SubnetPlan plan, int firstSlot) : ISubnetOps
    {
        public SubnetPlan Plan => plan;
        public LayerNormPlacement LayerNorm => net.Options.LayerNorm;
        public bool Training => net.training;
        private Slot S(int layer) => net.slots[firstSlot + layer];
        private LayerShape L(int layer) => plan.Layers[layer];

        private static T Need<T>(T? module, int layer, string what) where T : class =>
            module ?? throw new InvalidOperationException($"slot {layer} of the supernet has no {what}");

        public Tensor Embed(Tensor ids) => net.embedding.forward(ids, plan.FirstHidden);

        public (Tensor Output, Tensor? Probabilities) Attention(int layer, Tensor x, Tensor? additiveMask, bool keepProbabilities) =>
            Need(S(layer).attention, layer, "attention").forward(x, additiveMask, L(layer).Hidden, L(layer).Heads, L(layer).HeadSize, keepProbabilities);

        public Tensor AttentionNorm(int layer, Tensor x) => Need(S(layer).attention_norm, layer, "attention").forward(x, L(layer).Hidden);

        public Tensor Ffn(int layer, Tensor x) => Need(S(layer).ffn, layer, "FFN").forward(x, L(layer).Hidden, L(layer).Ffn);

        public Tensor FfnNorm(int layer, Tensor x) => Need(S(layer).ffn_norm, layer, "FFN").forward(x, L(layer).Hidden);

        public Tensor SepConv(int layer, Tensor x, int kernel) => Need(S(layer).sep_conv, layer, "separable convolution").forward(x, L(layer).Hidden, kernel);

        public Tensor SepConvNorm(int layer, Tensor x) => Need(S(layer).sep_conv_norm, layer, "separable convolution").forward(x, L(layer).Hidden);

        public Tensor Transfer(int layer, Tensor x) => Need(S(layer).transfer, layer, "hidden-size transfer").forward(x, L(layer - 1).Hidden, L(layer).Hidden);

        public Tensor FinalNorm(Tensor x) => Need(net.final_norm, plan.Layers.Count - 1, "final layer norm").forward(x, plan.LastHidden);

        public Tensor Dropout(Tensor x) => net.dropout.forward(x);
    }
}
