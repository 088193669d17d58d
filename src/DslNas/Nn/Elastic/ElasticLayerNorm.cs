using DslNas.Torch;
using DslNas.Torch.Nn;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Nn.Elastic;

/// <summary>Layer normalization over the first h features, with the first h scales and shifts.</summary>
internal sealed class ElasticLayerNorm : Module
{
    public ElasticLayerNorm(long maxHidden, double eps = 1e-12)
    {
        MaxHidden = maxHidden;
        Eps = eps;
        using var scope = torch.NewDisposeScope();
        weight = register_parameter(nameof(weight), new Parameter(torch.ones([maxHidden])));
        bias = register_parameter(nameof(bias), new Parameter(torch.zeros([maxHidden])));
    }

    public long MaxHidden { get; }
    public double Eps { get; }
    public Parameter weight { get; }
    public Parameter bias { get; }

    public Tensor forward(Tensor x, long hidden)
    {
        using var scope = torch.NewDisposeScope();
        return F.layer_norm(x, [hidden], weight.narrow(0, 0, hidden), bias.narrow(0, 0, hidden), Eps).MoveToOuterDisposeScope();
    }

    /// <summary>Copies the first h scales and shifts into a dense layer norm of size h.</summary>
    public void CopyInto(LayerNorm target, long hidden)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        target.weight.copy_(weight.narrow(0, 0, hidden));
        target.bias.copy_(bias.narrow(0, 0, hidden));
    }
}
