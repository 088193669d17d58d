using DslNas.Torch;
using DslNas.Torch.Nn;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Nn.Elastic;

/// <summary>Linear, GELU, linear with the first f inner features and the first h outer ones.</summary>
internal sealed class ElasticFfn : Module
{
    public ElasticFfn(long maxHidden, long maxInner)
    {
        intermediate = register_module(nameof(intermediate), new ElasticLinear(maxHidden, maxInner));
        output = register_module(nameof(output), new ElasticLinear(maxInner, maxHidden));
    }

    public ElasticLinear intermediate { get; }
    public ElasticLinear output { get; }

    public Tensor forward(Tensor x, long hidden, long inner)
    {
        using var scope = torch.NewDisposeScope();
        return F.feed_forward(x, intermediate.Weight(hidden, inner), intermediate.Bias(inner), output.Weight(inner, hidden), output.Bias(hidden))
            .MoveToOuterDisposeScope();
    }
}
