using DslNas.Torch;

namespace DslNas.Nn;

/// <summary>
/// The computations of one subnet, layer by layer: the supernet provides them by slicing shared weights, the
/// extracted dense model from its own copies. <see cref="SubnetRunner"/> runs either in exactly the same order.
/// </summary>
internal interface ISubnetOps
{
    SubnetPlan Plan { get; }
    LayerNormPlacement LayerNorm { get; }
    bool Training { get; }
    Tensor Embed(Tensor ids);
    (Tensor Output, Tensor? Probabilities) Attention(int layer, Tensor x, Tensor? additiveMask, bool keepProbabilities);
    Tensor AttentionNorm(int layer, Tensor x);
    Tensor Ffn(int layer, Tensor x);
    Tensor FfnNorm(int layer, Tensor x);
    Tensor SepConv(int layer, Tensor x, int kernel);
    Tensor SepConvNorm(int layer, Tensor x);
    Tensor Transfer(int layer, Tensor x);

    /// <summary>The layer norm after the last layer of a pre-LayerNorm model.</summary>
    Tensor FinalNorm(Tensor x);
    Tensor Dropout(Tensor x);
}
