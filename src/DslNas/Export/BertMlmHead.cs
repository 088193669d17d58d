using DslNas.Torch;
using DslNas.Torch.Nn;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Export;

/// <summary>
/// BERT's masked-language-model head (cls.predictions of BertForMaskedLM and BertForPreTraining): logits =
/// transform(h) · Eᵀ + bias, the decoder tied to the word embeddings E, with transform(h) = LayerNorm(gelu(dense(h))).
/// DslNas's own MLM head (<see cref="Training.Pretraining.MlmModel"/>) is the tied decoder and bias without a
/// transform: the heads DslNas writes hold the bias alone, and <see cref="HasTransform"/> is false for them.
/// </summary>
public sealed class BertMlmHead : Module
{
    /// <summary>A head of a bias [vocabulary] and, optionally, BERT's transform of width <paramref name="transformWidth"/>.</summary>
    public BertMlmHead(long vocabularySize, long? transformWidth = null, double layerNormEps = 1e-12)
    {
        using var scope = torch.NewDisposeScope();
        bias = register_parameter(nameof(bias), new Parameter(torch.zeros([vocabularySize])));
        if (transformWidth is { } width)
        {
            dense = register_module(nameof(dense), new Linear(width, width));
            norm = register_module(nameof(norm), new LayerNorm(width, layerNormEps));
        }
    }

    public Parameter bias { get; }
    public Linear? dense { get; }
    public LayerNorm? norm { get; }

    public bool HasTransform => dense is not null;

    /// <summary>Token logits [..., vocabulary] of hidden states [..., hidden], decoded with the word embeddings [vocabulary, hidden].</summary>
    public Tensor Logits(Tensor hidden, Tensor wordEmbeddings)
    {
        using var scope = torch.NewDisposeScope();
        var transformed = dense is null ? hidden : norm!.forward(dense.forward(hidden).gelu());
        return F.linear(transformed, wordEmbeddings, bias).MoveToOuterDisposeScope();
    }
}
