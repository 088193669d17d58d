using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Torch.Nn;

/// <summary>A lookup table [count, dimension]; initialized as torch.nn.Embedding (standard normal).</summary>
public sealed class Embedding : Module
{
    public Embedding(long count, long dimension)
    {
        if (count < 1 || dimension < 1)
            throw new ArgumentOutOfRangeException(nameof(count), $"Embedding needs positive sizes, got {count} x {dimension}");
        using var scope = torch.NewDisposeScope();
        weight = register_parameter(nameof(weight), new Parameter(torch.randn([count, dimension])));
    }

    public Parameter weight { get; }

    public Tensor forward(Tensor indices) => F.embedding(indices, weight);
}
