using DslNas.Torch;
using DslNas.Torch.Nn;

namespace DslNas.Export.Onnx;

/// <summary>
/// The runtime's modules as ONNX nodes, each computing what the module's forward pass computes, with the module's
/// weights as initializers named by their parameter paths. Linear weights are stored transposed ([in, out]) so that
/// MatMul applies them as <c>F.linear</c> does.
/// </summary>
internal sealed class OnnxModules(OnnxGraph graph)
{
    private static readonly float InverseSqrt2 = (float)(1 / Math.Sqrt(2));

    public OnnxGraph Graph { get; } = graph;

    public string Weights(string name, Tensor tensor)
    {
        using var scope = torch.NewDisposeScope();
        return Graph.Initializer(name, tensor.detach().contiguous().ToArray<float>(), tensor.shape);
    }

    public string Linear(string x, Linear linear, string name)
    {
        string transposed;
        using (torch.NewDisposeScope())
            transposed = Weights(name + ".weight", linear.weight.detach().transpose(0, 1));
        var product = Graph.Node("MatMul", [x, transposed]);
        return linear.bias is null ? product : Graph.Node("Add", [product, Weights(name + ".bias", linear.bias)]);
    }

    public string LayerNorm(string x, LayerNorm norm, string name) =>
        Graph.Node("LayerNormalization", [x, Weights(name + ".weight", norm.weight), Weights(name + ".bias", norm.bias)],
            OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", (float)norm.Eps));

    /// <summary>Rows of the embedding table at integer ids.</summary>
    public string Embedding(string ids, Embedding embedding, string name) => Graph.Node("Gather", [Weights(name + ".weight", embedding.weight), ids]);

    /// <summary>The exact GELU libtorch computes by default: x/2 (1 + erf(x/sqrt 2)).</summary>
    public string Gelu(string x)
    {
        var erf = Graph.Node("Erf", [Graph.Node("Mul", [x, Graph.FloatScalar(InverseSqrt2)])]);
        return Graph.Node("Mul", [Graph.Node("Mul", [x, Graph.FloatScalar(0.5f)]), Graph.Node("Add", [erf, Graph.FloatScalar(1f)])]);
    }

    /// <summary>Linear, GELU, linear: the feed-forward block of a layer.</summary>
    public string Ffn(string x, Linear intermediate, Linear output, string name) =>
        Linear(Gelu(Linear(x, intermediate, name + ".intermediate")), output, name + ".output");

    /// <summary>
    /// Self-attention over x [batch, seq, hidden] with an additive mask [batch, 1, 1, seq], as
    /// <see cref="MultiHeadSelfAttention.Attend"/>: the output and the probabilities [batch, heads, seq, seq].
    /// </summary>
    public (string Output, string Probabilities) Attention(string x, string additiveMask, MultiHeadSelfAttention attention, string name)
    {
        string Heads(string projected, long size) =>
            Graph.Node("Transpose", [Graph.Node("Reshape", [projected, Graph.Int64s(0, 0, attention.Heads, size)])], OnnxAttribute.Ints("perm", 0, 2, 1, 3));
        var q = Heads(Linear(x, attention.query, name + ".query"), attention.HeadSize);
        var k = Heads(Linear(x, attention.key, name + ".key"), attention.HeadSize);
        var v = Heads(Linear(x, attention.value, name + ".value"), attention.ValueSize);
        var keysT = Graph.Node("Transpose", [k], OnnxAttribute.Ints("perm", 0, 1, 3, 2));
        var scale = Graph.FloatScalar((float)(1 / Math.Sqrt(attention.HeadSize)));
        var scores = Graph.Node("Add", [Graph.Node("Mul", [Graph.Node("MatMul", [q, keysT]), scale]), additiveMask]);
        var probabilities = Graph.Node("Softmax", [scores], OnnxAttribute.Int("axis", -1));
        var context = Graph.Node("Transpose", [Graph.Node("MatMul", [probabilities, v])], OnnxAttribute.Ints("perm", 0, 2, 1, 3));
        var merged = Graph.Node("Reshape", [context, Graph.Int64s(0, 0, attention.Heads * attention.ValueSize)]);
        return (Linear(merged, attention.output, name + ".output"), probabilities);
    }

    /// <summary>
    /// A depthwise convolution over the sequence (kernel [hidden, 1, k], same padding) followed by a pointwise linear
    /// map and GELU, over x [batch, seq, hidden].
    /// </summary>
    public string SepConv(string x, Tensor depthwiseWeight, Tensor depthwiseBias, Linear pointwise, string name)
    {
        var hidden = depthwiseWeight.size(0);
        var kernel = depthwiseWeight.size(2);
        var channelsFirst = Graph.Node("Transpose", [x], OnnxAttribute.Ints("perm", 0, 2, 1));
        var convolved = Graph.Node("Conv", [channelsFirst, Weights(name + ".depthwise_weight", depthwiseWeight), Weights(name + ".depthwise_bias", depthwiseBias)],
            OnnxAttribute.Int("group", hidden), OnnxAttribute.Ints("kernel_shape", kernel), OnnxAttribute.Ints("pads", kernel / 2, kernel / 2));
        var channelsLast = Graph.Node("Transpose", [convolved], OnnxAttribute.Ints("perm", 0, 2, 1));
        return Gelu(Linear(channelsLast, pointwise, name + ".pointwise"));
    }
}
