using DslNas.Nn;
using DslNas.Nn.Dense;
using DslNas.Torch.Nn;

namespace DslNas.Export.Onnx;

/// <summary>The modules of one layer of an extracted subnet, whichever dense model holds them; absent parts are null.</summary>
internal sealed record LayerModules(
    Linear? Transfer,
    MultiHeadSelfAttention? Attention,
    LayerNorm? AttentionNorm,
    Linear? Intermediate,
    Linear? Output,
    LayerNorm? FfnNorm,
    DenseSubnet.DenseSlot? SepConv);

/// <summary>
/// The embeddings and layers of an extracted subnet's encoder: the runtime's <see cref="TransformerEncoder"/> (a plain
/// encoder) or a <see cref="DenseSubnet"/>, under the parameter names the model saves them with.
/// </summary>
internal sealed class SubnetModules
{
    public SubnetModules(ExtractedSubnet model)
    {
        switch (model.encoder)
        {
            case TransformerEncoder encoder:
                (TokenEmbedding, PositionEmbedding, EmbeddingNorm) = (encoder.token_embedding, encoder.position_embedding, encoder.embedding_norm);
                LayerNorm = LayerNormPlacement.Post;
                Layers = encoder.Layers.Select(l => new LayerModules(null, l.attention, l.attention_norm, l.intermediate, l.output, l.output_norm, null)).ToArray();
                LayerNames = Enumerable.Range(0, encoder.Layers.Count).Select(i => $"encoder.layer{i}").ToArray();
                break;
            case DenseSubnet { embedding_projection: not null } dense:
                throw new InvalidOperationException($"the model's embeddings ({dense.EmbeddingWidth} wide) are narrower than its first layer ({dense.Plan.FirstHidden}), which the ONNX export does not write");
            case DenseSubnet dense:
                (TokenEmbedding, PositionEmbedding, EmbeddingNorm) = (dense.token_embedding, dense.position_embedding, dense.embedding_norm);
                (LayerNorm, FinalNorm) = (dense.LayerNorm, dense.final_norm);
                Layers = dense.Slots.Select(Slot).ToArray();
                LayerNames = Enumerable.Range(0, dense.Slots.Count).Select(i => $"encoder.layer{i}").ToArray();
                break;
            default:
                throw new InvalidOperationException($"an extracted subnet holds a {model.encoder.GetType().Name}, which the ONNX export does not know");
        }
    }

    public Embedding TokenEmbedding { get; }
    public Embedding PositionEmbedding { get; }
    public LayerNorm EmbeddingNorm { get; }

    /// <summary>Where each sub-layer's layer norm sits; a pre-LN model also has <see cref="FinalNorm"/> after its last layer.</summary>
    public LayerNormPlacement LayerNorm { get; }

    public LayerNorm? FinalNorm { get; }
    public IReadOnlyList<LayerModules> Layers { get; }
    public IReadOnlyList<string> LayerNames { get; }

    private static LayerModules Slot(DenseSubnet.DenseSlot slot) => slot.layer is { } full
        ? new LayerModules(slot.transfer, full.attention, full.attention_norm, full.intermediate, full.output, full.output_norm, null)
        : new LayerModules(slot.transfer, slot.attention, slot.attention is null ? null : slot.norm, slot.intermediate, slot.output,
            slot.intermediate is null ? null : slot.norm, slot.depthwise_weight is null ? null : slot);
}
