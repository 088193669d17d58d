using DslNas.Engine;
using DslNas.Nn.Dense;
using DslNas.Torch;
using DslNas.Torch.Nn;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Nn;

/// <summary>
/// A subnet taken out of its supernet: a dense encoder (the runtime's <see cref="TransformerEncoder"/> when the
/// subnet is a plain encoder, otherwise a <see cref="DenseSubnet"/>) with copied weights, the classification head and
/// the MLM bias. It needs nothing from the supernet and computes what the supernet computes for the plan.
/// </summary>
public sealed class ExtractedSubnet : Module, ISequenceClassifier
{
    private readonly Func<Tensor, Tensor?, Tensor> encode;

    private ExtractedSubnet(SubnetPlan plan, Module encoder, Func<Tensor, Tensor?, Tensor> encode, Embedding tokens, int classes, int vocabularySize, double dropout)
    {
        Plan = plan;
        this.encode = encode;
        Tokens = tokens;
        this.encoder = register_module(nameof(this.encoder), encoder);
        classifier = register_module(nameof(classifier), new Linear(plan.LastHidden, classes));
        using (var scope = torch.NewDisposeScope())
            mlm_bias = register_parameter(nameof(mlm_bias), new Parameter(torch.zeros([vocabularySize])));
        this.dropout = register_module(nameof(this.dropout), new Dropout(dropout));
    }

    public SubnetPlan Plan { get; }
    public Module encoder { get; }
    public Linear classifier { get; }
    public Parameter mlm_bias { get; }
    public Dropout dropout { get; }
    private Embedding Tokens { get; }

    public Tensor forward(Tensor ids, Tensor? keepMask = null) => encode(ids, keepMask);

    public Tensor Classify(Tensor ids, Tensor? keepMask)
    {
        using var scope = torch.NewDisposeScope();
        return classifier.forward(dropout.forward(forward(ids, keepMask).select(1, 0))).MoveToOuterDisposeScope();
    }

    public Tensor MaskedLanguageModel(Tensor ids, Tensor? keepMask)
    {
        using var scope = torch.NewDisposeScope();
        return DecodeTokens(forward(ids, keepMask)).MoveToOuterDisposeScope();
    }

    /// <summary>Vocabulary logits of hidden states of the embedding width, through the decoder tied to the token embeddings.</summary>
    public Tensor DecodeTokens(Tensor hidden) => F.linear(hidden, Tokens.weight, mlm_bias);

    /// <summary>The width of the token embeddings: the hidden states <see cref="DecodeTokens"/> decodes.</summary>
    public long EmbeddingWidth => Tokens.weight.size(1);

    /// <summary>
    /// A freshly initialized model with the plan's structure (load weights into it, or train it from scratch);
    /// <paramref name="embeddingWidth"/> below the first hidden size gives it narrower embeddings and a map to the first layer.
    /// </summary>
    public static ExtractedSubnet Create(SubnetPlan plan, SupernetOptions options, long? embeddingWidth = null)
    {
        var narrow = embeddingWidth is { } e && e != plan.FirstHidden;
        if (plan.IsPlainEncoder && options.LayerNorm == LayerNormPlacement.Post && !narrow)
        {
            var config = new TransformerEncoderConfig(options.VocabularySize, options.MaxPositions, (int)plan.FirstHidden,
                plan.Layers.Select(l => new EncoderLayerShape((int)l.Heads, (int)l.HeadSize, (int)l.Ffn)).ToArray(), options.Dropout);
            var encoder = new TransformerEncoder(config);
            return new ExtractedSubnet(plan, encoder, encoder.forward, encoder.token_embedding, options.Classes, options.VocabularySize, options.Dropout);
        }
        var dense = new DenseSubnet(plan, options.VocabularySize, options.MaxPositions, options.Dropout, options.LayerNorm, embeddingWidth);
        return new ExtractedSubnet(plan, dense, dense.forward, dense.token_embedding, options.Classes, options.VocabularySize, options.Dropout);
    }

    internal static ExtractedSubnet From(Supernet net, SubnetPlan plan)
    {
        var result = Create(plan, net.Options);
        switch (result.encoder)
        {
            case TransformerEncoder encoder:
                net.embedding.CopyInto(encoder.token_embedding, encoder.position_embedding, encoder.embedding_norm, plan.FirstHidden);
                for (var i = 0; i < plan.Layers.Count; i++) CopyFullLayer(net.Slots[i], encoder.Layers[i], plan.Layers[i]);
                break;
            case DenseSubnet dense:
                net.embedding.CopyInto(dense.token_embedding, dense.position_embedding, dense.embedding_norm, plan.FirstHidden);
                for (var i = 0; i < plan.Layers.Count; i++) CopySlot(net.Slots[i], dense.Slots[i], plan, i);
                if (dense.final_norm is not null) net.final_norm!.CopyInto(dense.final_norm, plan.LastHidden);
                break;
        }
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        net.classifier.CopyInto(result.classifier, plan.LastHidden, net.Options.Classes);
        result.mlm_bias.copy_(net.mlm_bias);
        result.train(net.training);
        return result;
    }

    private static void CopyFullLayer(Supernet.Slot source, TransformerEncoderLayer target, LayerShape shape)
    {
        source.attention!.CopyInto(target.attention, shape.Hidden, shape.Heads, shape.HeadSize);
        source.attention_norm!.CopyInto(target.attention_norm, shape.Hidden);
        source.ffn!.intermediate.CopyInto(target.intermediate, shape.Hidden, shape.Ffn);
        source.ffn.output.CopyInto(target.output, shape.Ffn, shape.Hidden);
        source.ffn_norm!.CopyInto(target.output_norm, shape.Hidden);
    }

    private static void CopySlot(Supernet.Slot source, DenseSubnet.DenseSlot target, SubnetPlan plan, int index)
    {
        var shape = plan.Layers[index];
        var h = shape.Hidden;
        if (target.transfer is not null) source.transfer!.CopyInto(target.transfer, plan.Layers[index - 1].Hidden, h);
        if (target.layer is not null) CopyFullLayer(source, target.layer, shape);
        if (target.attention is not null)
        {
            source.attention!.CopyInto(target.attention, h, shape.Heads, shape.HeadSize);
            source.attention_norm!.CopyInto(target.norm!, h);
        }
        if (target.intermediate is not null)
        {
            source.ffn!.intermediate.CopyInto(target.intermediate, h, shape.Ffn);
            source.ffn.output.CopyInto(target.output!, shape.Ffn, h);
            source.ffn_norm!.CopyInto(target.norm!, h);
        }
        if (target.depthwise_weight is not null)
        {
            var kernel = (int)target.depthwise_weight.size(2);
            using (torch.no_grad())
            using (torch.NewDisposeScope())
            {
                target.depthwise_weight.copy_(source.sep_conv!.Kernel(h, kernel));
                target.depthwise_bias!.copy_(source.sep_conv.depthwise_bias.narrow(0, 0, h));
            }
            source.sep_conv.pointwise.CopyInto(target.pointwise!, h, h);
            source.sep_conv_norm!.CopyInto(target.norm!, h);
        }
    }
}
