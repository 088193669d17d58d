using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Torch.Nn;

/// <summary>Layer normalization over the last dimension, with a learned scale (ones) and shift (zeros).</summary>
public sealed class LayerNorm : Module
{
    private readonly long[] normalizedShape;

    public LayerNorm(long dimension, double eps = 1e-12)
    {
        normalizedShape = [dimension];
        Eps = eps;
        using var scope = torch.NewDisposeScope();
        weight = register_parameter(nameof(weight), new Parameter(torch.ones([dimension])));
        bias = register_parameter(nameof(bias), new Parameter(torch.zeros([dimension])));
    }

    public double Eps { get; }
    public Parameter weight { get; }
    public Parameter bias { get; }

    public Tensor forward(Tensor input) => F.layer_norm(input, normalizedShape, weight, bias, Eps);
}
