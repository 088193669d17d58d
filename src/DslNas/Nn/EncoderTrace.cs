using DslNas.Torch;

namespace DslNas.Nn;

/// <summary>
/// What one forward pass went through, for layer-wise distillation: the hidden states [batch, seq, width] after the
/// embeddings (index 0) and after every layer (index i + 1 for layer i), at every position; and each layer's
/// attention probabilities [batch, heads, queries, keys] before dropout, null for a layer without attention. The
/// tensors belong to the dispose scope the trace was made in.
/// </summary>
public sealed record EncoderTrace(IReadOnlyList<Tensor> HiddenStates, IReadOnlyList<Tensor?> Attention)
{
    public int Layers => Attention.Count;

    /// <summary>The last layer's hidden states: what the model's forward pass returns.</summary>
    public Tensor Output => HiddenStates[^1];
}
