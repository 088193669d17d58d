using DslNas.Engine;
using DslNas.Nn;
using DslNas.Nn.Dense;
using DslNas.Torch;

namespace DslNas.Hardware;

/// <summary>
/// One <see cref="LatencyPart"/> as a forward pass of its own: a dense model of just that part (random weights, the
/// dense model's own code path) and an input of the table's batch. The input belongs to the caller's dispose scope.
/// </summary>
internal sealed class PartPass : IDisposable
{
    private readonly DenseSubnet model;
    private readonly Tensor input;
    private readonly bool embeds;

    public PartPass(LatencyPart part, int batch, int vocabularySize)
    {
        var none = new LayerShape(LayerOp.Identity, part.HiddenIn, 0, 0, 0, long.MaxValue);
        SubnetPlan plan = part.Kind switch
        {
            LatencyPartKind.Embedding => new([none]),
            LatencyPartKind.Transfer => new([none, new LayerShape(LayerOp.Identity, part.Hidden, 0, 0, 0, long.MaxValue)]),
            _ => new([part.Shape]),
        };
        model = new DenseSubnet(plan, vocabularySize, (int)part.TokensIn, dropout: 0);
        model.eval();
        embeds = part.Kind == LatencyPartKind.Embedding;
        input = embeds
            ? torch.full([batch, part.TokensIn], 5L, ScalarType.Int64)
            : torch.randn([batch, part.TokensIn, part.HiddenIn]);
    }

    public void Run()
    {
        if (embeds) model.forward(input);
        else model.Layers(input);
    }

    public void Dispose() => model.Dispose();
}
