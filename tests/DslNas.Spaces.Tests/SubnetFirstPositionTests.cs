using DslNas.Engine;
using DslNas.Nn;
using DslNas.Torch;

namespace DslNas.Spaces.Tests;

/// <summary>
/// Classification needs [CLS] alone: the layers after the last one that mixes positions run on that position only,
/// and give what the whole forward pass gives there.
/// </summary>
public sealed class SubnetFirstPositionTests
{
    private const int Vocabulary = 60;
    private const int Length = 12;

    [Fact]
    public void The_last_full_layers_feed_forward_part_runs_on_the_first_position_alone()
    {
        using var net = new FastTransformer.Supernet(new SupernetOptions(Vocabulary, 16, Classes: 3));
        var plan = FastTransformer.Supernet.Plan(FastTransformer.Space.Largest);
        var seen = Run(net, plan, out var first, out var whole);
        seen.Should().Equal(Enumerable.Range(0, plan.Layers.Count).Select(i => (i, i == plan.Layers.Count - 1 ? 1L : Length)));
        first.shape.Should().Equal(2, 1, plan.LastHidden);
        first.allclose(whole.narrow(1, 0, 1), rtol: 0, atol: 1e-6).Should().BeTrue();
    }

    [Fact]
    public void Feed_forward_layers_after_the_last_attention_and_convolution_run_on_the_first_position_alone()
    {
        using var net = new NasBert.Supernet(new SupernetOptions(Vocabulary, 16, Classes: 3));
        var shape = NasBert.Supernet.Plan(NasBert.Space.Largest).Layers[0];
        LayerShape Op(LayerOp op) => new(op, shape.Hidden, shape.Heads, shape.HeadSize, shape.Ffn, long.MaxValue);
        var plan = new SubnetPlan([Op(LayerOp.Ffn), Op(LayerOp.Attention), Op(LayerOp.SepConv3), Op(LayerOp.Ffn), Op(LayerOp.Identity), Op(LayerOp.Ffn)]);
        var seen = Run(net, plan, out var first, out var whole);
        seen.Should().Equal((0, Length), (3, 1L), (5, 1L));
        first.allclose(whole.narrow(1, 0, 1), rtol: 0, atol: 1e-6).Should().BeTrue();
    }

    [Fact]
    public void Without_attention_or_convolution_every_layer_runs_on_the_first_position_alone_and_so_does_the_final_norm()
    {
        using var net = new NasBert.Supernet(new SupernetOptions(Vocabulary, 16, Classes: 3, LayerNorm: LayerNormPlacement.Pre));
        var shape = NasBert.Supernet.Plan(NasBert.Space.Largest).Layers[0];
        LayerShape Op(LayerOp op) => new(op, shape.Hidden, shape.Heads, shape.HeadSize, shape.Ffn, long.MaxValue);
        var seen = Run(net, new SubnetPlan([Op(LayerOp.Ffn), Op(LayerOp.Identity), Op(LayerOp.Ffn)]), out var first, out var whole);
        seen.Should().Equal((0, 1L), (2, 1L));
        first.allclose(whole.narrow(1, 0, 1), rtol: 0, atol: 1e-6).Should().BeTrue();
    }

    [Fact]
    public void A_plan_that_drops_tokens_runs_whole()
    {
        using var net = new LengthAdaptive.Supernet(new SupernetOptions(Vocabulary, 128, Classes: 3));
        var layer = LengthAdaptive.Supernet.Plan(LengthAdaptive.FullLength).Layers[0];
        LayerShape Keep(long keep) => new(layer.Op, layer.Hidden, layer.Heads, layer.HeadSize, layer.Ffn, keep);
        var seen = Run(net, new SubnetPlan([Keep(8), Keep(6)]), out var first, out var whole);
        seen.Should().Equal((0, 8L), (1, 6L));
        first.allclose(whole.narrow(1, 0, 1), rtol: 0, atol: 1e-6).Should().BeTrue();
    }

    /// <summary>Positions each feed-forward part saw in the first-position pass; its output and the whole forward's.</summary>
    private static List<(int Layer, long Positions)> Run(Supernet net, SubnetPlan plan, out Tensor first, out Tensor whole)
    {
        net.eval();
        torch.manual_seed(3);
        using var ids = torch.randint(5, Vocabulary, [2, Length]);
        using var mask = torch.tensor(Enumerable.Range(0, 2 * Length).Select(i => i >= Length + Length - 3 ? 0L : 1L).ToArray(), [2, Length]);
        var ops = new RecordingOps(net.Ops(plan));
        first = SubnetRunner.FirstPosition(ops, ids, mask).DetachFromDisposeScope();
        whole = net.Forward(ids, mask, plan).DetachFromDisposeScope();
        return ops.Ffn;
    }

    private sealed class RecordingOps(ISubnetOps inner) : ISubnetOps
    {
        public List<(int Layer, long Positions)> Ffn { get; } = [];
        public SubnetPlan Plan => inner.Plan;
        public LayerNormPlacement LayerNorm => inner.LayerNorm;
        public bool Training => inner.Training;
        public Tensor Embed(Tensor ids) => inner.Embed(ids);
        public (Tensor Output, Tensor? Probabilities) Attention(int layer, Tensor x, Tensor? additiveMask, bool keepProbabilities) => inner.Attention(layer, x, additiveMask, keepProbabilities);
        public Tensor AttentionNorm(int layer, Tensor x) => inner.AttentionNorm(layer, x);
        Tensor ISubnetOps.Ffn(int layer, Tensor x)
        {
            Ffn.Add((layer, x.size(1)));
            return inner.Ffn(layer, x);
        }
        public Tensor FfnNorm(int layer, Tensor x) => inner.FfnNorm(layer, x);
        public Tensor SepConv(int layer, Tensor x, int kernel) => inner.SepConv(layer, x, kernel);
        public Tensor SepConvNorm(int layer, Tensor x) => inner.SepConvNorm(layer, x);
        public Tensor Transfer(int layer, Tensor x) => inner.Transfer(layer, x);
        public Tensor FinalNorm(Tensor x) => inner.FinalNorm(x);
        public Tensor Dropout(Tensor x) => inner.Dropout(x);
    }
}
