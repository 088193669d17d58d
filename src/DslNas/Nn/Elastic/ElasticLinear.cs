using DslNas.Torch;
using DslNas.Torch.Nn;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Nn.Elastic;

/// <summary>A linear layer allocated at [maxOut, maxIn] that runs with the top-left [out, in] block of its weight and the first out biases.</summary>
internal sealed class ElasticLinear : Module
{
    public ElasticLinear(long maxIn, long maxOut, bool bias = true)
    {
        MaxIn = maxIn;
        MaxOut = maxOut;
        using var scope = torch.NewDisposeScope();
        weight = register_parameter(nameof(weight), new Parameter(torch.empty([maxOut, maxIn])));
        Init.Normal(weight, 0.02);
        if (!bias) return;
        this.bias = register_parameter(nameof(bias), new Parameter(torch.zeros([maxOut])));
    }

    public long MaxIn { get; }
    public long MaxOut { get; }
    public Parameter weight { get; }
    public Parameter? bias { get; }

    public Tensor Weight(long inFeatures, long outFeatures)
    {
        if (inFeatures > MaxIn || outFeatures > MaxOut)
            throw new ArgumentOutOfRangeException(nameof(inFeatures), $"[{outFeatures}, {inFeatures}] exceeds the allocated [{MaxOut}, {MaxIn}]");
        return weight.narrow(0, 0, outFeatures).narrow(1, 0, inFeatures);
    }

    public Tensor? Bias(long outFeatures) => bias?.narrow(0, 0, outFeatures);

    public Tensor forward(Tensor x, long inFeatures, long outFeatures)
    {
        using var scope = torch.NewDisposeScope();
        return F.linear(x, Weight(inFeatures, outFeatures), Bias(outFeatures)).MoveToOuterDisposeScope();
    }

    /// <summary>Copies the [out, in] block (and the first out biases) into a dense linear layer of that shape.</summary>
    public void CopyInto(Linear target, long inFeatures, long outFeatures)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        target.weight.copy_(Weight(inFeatures, outFeatures));
        if (bias is not null) target.bias!.copy_(Bias(outFeatures)!);
    }
}
