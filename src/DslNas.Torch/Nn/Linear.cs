using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Torch.Nn;

/// <summary>y = x Wᵀ + b with W shaped [out, in]; initialized as torch.nn.Linear (uniform ±1/√in).</summary>
public sealed class Linear : Module
{
    public Linear(long inFeatures, long outFeatures, bool bias = true)
    {
        if (inFeatures < 1 || outFeatures < 1)
            throw new ArgumentOutOfRangeException(nameof(inFeatures), $"Linear needs positive sizes, got {inFeatures} -> {outFeatures}");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        var bound = 1 / Math.Sqrt(inFeatures);
        using var scope = torch.NewDisposeScope();
        weight = register_parameter(nameof(weight), new Parameter(torch.empty([outFeatures, inFeatures])));
        Init.Uniform(weight, bound);
        if (!bias) return;
        this.bias = register_parameter(nameof(bias), new Parameter(torch.empty([outFeatures])));
        Init.Uniform(this.bias, bound);
    }

    public long InFeatures { get; }
    public long OutFeatures { get; }
    public Parameter weight { get; }
    public Parameter? bias { get; }

    public Tensor forward(Tensor input) => F.linear(input, weight, bias);
}
