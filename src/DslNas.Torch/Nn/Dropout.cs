using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Torch.Nn;

/// <summary>Zeroes elements with probability p while training and scales the rest by 1/(1-p); identity in eval mode.</summary>
public sealed class Dropout(double p) : Module
{
    public double P { get; } = p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(nameof(p), p, "the dropout probability must lie in [0, 1]");

    public Tensor forward(Tensor input) => F.dropout(input, P, training);
}
