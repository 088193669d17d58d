using DslNas.Nn;
using DslNas.Nn.Elastic;
using DslNas.Torch;
using DslNas.Torch.Nn;

namespace DslNas.Training.Pretraining;

/// <summary>
/// Starts a supernet from a dense teacher's weights, the inverse of extraction: the teacher's embeddings, and for each
/// layer its query, key, value and output projections, layer norms and FFN, go into the prefix slices a subnet of the
/// teacher's shape runs with; the MLM bias goes into the supernet's. Where sizes differ only the overlapping block is
/// copied (a larger teacher is cut to the supernet's sizes; a smaller one fills the leading block and the rest keeps
/// its initialization); teacher layers beyond the supernet's slots are dropped, and slots beyond the teacher's layers
/// keep their initialization, as do the classifier and hidden-size transfers, which a teacher does not have.
/// So a subnet with the teacher's exact shape computes what the teacher computes.
/// </summary>
public static class TeacherInitialization
{
    /// <summary>Copies a pre-trained teacher's encoder and MLM bias.</summary>
    public static void Apply(Supernet supernet, MlmModel teacher) => Apply(supernet, teacher.encoder, teacher.mlm_bias);

    /// <summary>Copies a dense encoder, and an MLM bias [vocabulary] when given.</summary>
    public static void Apply(Supernet supernet, TransformerEncoder teacher, Tensor? mlmBias = null)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var embedding = supernet.embedding;
        CopyOverlap(embedding.token, teacher.token_embedding.weight);
        CopyOverlap(embedding.position, teacher.position_embedding.weight);
        CopyNorm(embedding.norm, teacher.embedding_norm);
        for (var i = 0; i < Math.Min(supernet.Slots.Count, teacher.Layers.Count); i++)
        {
            var slot = supernet.Slots[i];
            var layer = teacher.Layers[i];
            if (slot.attention is { } attention)
            {
                CopyLinear(attention.query, layer.attention.query);
                CopyLinear(attention.key, layer.attention.key);
                CopyLinear(attention.value, layer.attention.value);
                CopyLinear(attention.output, layer.attention.output);
                CopyNorm(slot.attention_norm!, layer.attention_norm);
            }
            if (slot.ffn is { } ffn)
            {
                CopyLinear(ffn.intermediate, layer.intermediate);
                CopyLinear(ffn.output, layer.output);
                CopyNorm(slot.ffn_norm!, layer.output_norm);
            }
        }
        if (mlmBias is not null) CopyOverlap(supernet.mlm_bias, mlmBias);
    }

    private static void CopyLinear(ElasticLinear target, Linear source)
    {
        CopyOverlap(target.weight, source.weight);
        if (target.bias is not null && source.bias is not null) CopyOverlap(target.bias, source.bias);
    }

    private static void CopyNorm(ElasticLayerNorm target, LayerNorm source)
    {
        CopyOverlap(target.weight, source.weight);
        CopyOverlap(target.bias, source.bias);
    }

    /// <summary>Copies the leading block both tensors have (the top-left block of two matrices).</summary>
    private static void CopyOverlap(Tensor target, Tensor source)
    {
        if (target.ndim != source.ndim)
            throw new ArgumentException($"cannot copy a {source.ndim}-d teacher tensor into a {target.ndim}-d supernet tensor");
        Tensor targetBlock = target, sourceBlock = source;
        for (var dim = 0; dim < target.ndim; dim++)
        {
            var size = Math.Min(target.size(dim), source.size(dim));
            targetBlock = targetBlock.narrow(dim, 0, size);
            sourceBlock = sourceBlock.narrow(dim, 0, size);
        }
        targetBlock.copy_(sourceBlock);
    }
}
