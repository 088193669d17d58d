namespace DslNas.Torch.Nn;

/// <summary>A BERT encoder layer (post-norm): x = LN(x + attention(x)); x = LN(x + FFN(x)), FFN = Linear-GELU-Linear.</summary>
public sealed class TransformerEncoderLayer : Module
{
    public TransformerEncoderLayer(long hidden, EncoderLayerShape shape, double dropout = 0.1, double layerNormEps = 1e-12)
    {
        Shape = shape;
        attention = register_module(nameof(attention), new MultiHeadSelfAttention(hidden, shape.Heads, shape.HeadSize, shape.EffectiveValueSize, dropout));
        attention_norm = register_module(nameof(attention_norm), new LayerNorm(hidden, layerNormEps));
        intermediate = register_module(nameof(intermediate), new Linear(hidden, shape.FfnSize));
        output = register_module(nameof(output), new Linear(shape.FfnSize, hidden));
        output_norm = register_module(nameof(output_norm), new LayerNorm(hidden, layerNormEps));
        this.dropout = register_module(nameof(dropout), new Dropout(dropout));
    }

    public EncoderLayerShape Shape { get; }
    public MultiHeadSelfAttention attention { get; }
    public LayerNorm attention_norm { get; }
    public Linear intermediate { get; }
    public Linear output { get; }
    public LayerNorm output_norm { get; }
    public Dropout dropout { get; }

    public Tensor forward(Tensor x, Tensor? mask = null) => Forward(x, mask, keepProbabilities: false).Output;

    /// <summary>The layer's output and, when asked, its attention probabilities.</summary>
    public (Tensor Output, Tensor? Probabilities) Forward(Tensor x, Tensor? mask, bool keepProbabilities)
    {
        using var scope = torch.NewDisposeScope();
        var (attended, probabilities) = attention.Attend(x, mask, keepProbabilities);
        var h = attention_norm.forward(x.add(dropout.forward(attended)));
        var ffn = output.forward(intermediate.forward(h).gelu());
        var result = output_norm.forward(h.add(dropout.forward(ffn))).MoveToOuterDisposeScope();
        return (result, probabilities?.MoveToOuterDisposeScope());
    }
}
