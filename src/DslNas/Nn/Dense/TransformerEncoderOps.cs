using DslNas.Engine;
using DslNas.Torch;
using DslNas.Torch.Nn;

namespace DslNas.Nn.Dense;

/// <summary>
/// The runtime's dense <see cref="TransformerEncoder"/> as subnet operations, so that <see cref="SubnetRunner"/> can
/// trace it (hidden states and attention per layer) exactly as it traces a supernet's subnets. Its plan is full layers
/// of one width that keep every token, so the runner computes what the encoder's own forward pass computes.
/// </summary>
internal sealed class TransformerEncoderOps(TransformerEncoder encoder) : ISubnetOps
{
    public SubnetPlan Plan { get; } = new(encoder.Layers.Select(l =>
        new LayerShape(LayerOp.FullLayer, encoder.Config.Hidden, l.Shape.Heads, l.Shape.HeadSize, l.Shape.FfnSize, long.MaxValue)).ToArray());

    public bool Training => encoder.training;

    public LayerNormPlacement LayerNorm => LayerNormPlacement.Post;

    public Tensor FinalNorm(Tensor x) => throw new InvalidOperationException("a post-LayerNorm encoder has no final layer norm");

    public Tensor Embed(Tensor ids) => encoder.Embed(ids);

    public (Tensor Output, Tensor? Probabilities) Attention(int layer, Tensor x, Tensor? additiveMask, bool keepProbabilities) =>
        encoder.Layers[layer].attention.Attend(x, additiveMask, keepProbabilities);

    public Tensor AttentionNorm(int layer, Tensor x) => encoder.Layers[layer].attention_norm.forward(x);

    public Tensor Ffn(int layer, Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var full = encoder.Layers[layer];
        return full.output.forward(full.intermediate.forward(x).gelu()).MoveToOuterDisposeScope();
    }

    public Tensor FfnNorm(int layer, Tensor x) => encoder.Layers[layer].output_norm.forward(x);

    public Tensor SepConv(int layer, Tensor x, int kernel) => throw NotInPlan(layer, "separable convolution");

    public Tensor SepConvNorm(int layer, Tensor x) => throw NotInPlan(layer, "separable convolution");

    public Tensor Transfer(int layer, Tensor x) => throw NotInPlan(layer, "hidden-size transfer");

    public Tensor Dropout(Tensor x) => encoder.dropout.forward(x);

    private static InvalidOperationException NotInPlan(int layer, string what) =>
        new($"layer {layer} of a dense encoder has no {what}; its plan holds full layers only");
}
