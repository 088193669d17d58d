using DslNas.Torch;
using DslNas.Torch.Nn;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Nn.Elastic;

/// <summary>
/// A separable convolution over the sequence: depthwise convolution (one filter per feature, same padding), then a
/// pointwise linear map and GELU. The kernel sizes share one 7-tap depthwise filter: kernel k uses its centre k
/// taps, so a 3-tap filter is the centre of the 5-tap one, which is the centre of the 7-tap one.
/// </summary>
internal sealed class ElasticSepConv : Module
{
    public const int MaxKernel = 7;

    public ElasticSepConv(long maxHidden)
    {
        using (var scope = torch.NewDisposeScope())
        {
            depthwise_weight = register_parameter(nameof(depthwise_weight), new Parameter(torch.empty([maxHidden, 1, MaxKernel])));
            Init.Normal(depthwise_weight, 0.02);
            depthwise_bias = register_parameter(nameof(depthwise_bias), new Parameter(torch.zeros([maxHidden])));
        }
        pointwise = register_module(nameof(pointwise), new ElasticLinear(maxHidden, maxHidden));
    }

    public Parameter depthwise_weight { get; }
    public Parameter depthwise_bias { get; }
    public ElasticLinear pointwise { get; }

    public Tensor Kernel(long hidden, int kernel) => depthwise_weight.narrow(0, 0, hidden).narrow(2, (MaxKernel - kernel) / 2, kernel);

    /// <summary>x [batch, seq, hidden] -> [batch, seq, hidden]; padding positions must already be zero.</summary>
    public Tensor forward(Tensor x, long hidden, int kernel)
    {
        using var scope = torch.NewDisposeScope();
        var channels = x.transpose(1, 2);
        var convolved = F.conv1d(channels, Kernel(hidden, kernel), depthwise_bias.narrow(0, 0, hidden), padding: kernel / 2, groups: hidden);
        return pointwise.forward(convolved.transpose(1, 2), hidden, hidden).gelu().MoveToOuterDisposeScope();
    }
}
