using DslNas.Torch;
using DslNas.Torch.Nn;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Torch.Tests;

public sealed class GradientTests
{
    private static Tensor Leaf(params long[] shape) => torch.randn(shape, ScalarType.Float64).requires_grad_();

    public GradientTests() => torch.manual_seed(42);

    [Fact]
    public void Linear() => GradCheck.Check(x => F.linear(x[0], x[1], x[2]), [Leaf(2, 3, 4), Leaf(5, 4), Leaf(5)]);

    [Fact]
    public void Layer_norm() => GradCheck.Check(x => F.layer_norm(x[0], [6], x[1], x[2], 1e-5), [Leaf(3, 6), Leaf(6), Leaf(6)]);

    [Fact]
    public void Softmax() => GradCheck.Check(x => F.softmax(x[0], -1), [Leaf(3, 5)]);

    [Fact]
    public void Gelu() => GradCheck.Check(x => F.gelu(x[0]), [Leaf(4, 5)]);

    [Fact]
    public void Embedding()
    {
        using var scope = torch.NewDisposeScope();
        var ids = torch.tensor(new long[] { 0, 3, 3, 1, 4, 0 }, [2, 3]);
        GradCheck.Check(x => F.embedding(ids, x[0]), [Leaf(5, 4)]);
    }

    [Fact]
    public void Conv1d_dense_and_depthwise()
    {
        GradCheck.Check(x => F.conv1d(x[0], x[1], x[2], padding: 1), [Leaf(2, 3, 7), Leaf(4, 3, 3), Leaf(4)]);
        GradCheck.Check(x => F.conv1d(x[0], x[1], padding: 2, groups: 3), [Leaf(2, 3, 7), Leaf(3, 1, 5)]);
    }

    [Fact]
    public void Cross_entropy()
    {
        using var scope = torch.NewDisposeScope();
        var target = torch.tensor(new long[] { 2, 0, 4, 1 });
        GradCheck.Check(x => F.cross_entropy(x[0], target, label_smoothing: 0.1), [Leaf(4, 5)]);
    }

    [Fact]
    public void Kl_div_and_mse()
    {
        GradCheck.Check(x => F.kl_div(x[0].log_softmax(-1), x[1].softmax(-1), Reduction.BatchMean), [Leaf(3, 4), Leaf(3, 4)]);
        GradCheck.Check(x => F.mse_loss(x[0], x[1]), [Leaf(3, 4), Leaf(3, 4)]);
    }

    [Fact]
    public void Whole_attention_block_with_mask()
    {
        using var scope = torch.NewDisposeScope();
        using var attention = new MultiHeadSelfAttention(hidden: 8, heads: 2, headSize: 3, valueSize: 5);
        var keep = torch.tensor(new long[] { 1, 1, 1, 0, 1, 1, 1, 1 }, [2, 4]);
        var mask = TransformerEncoder.AdditiveMask(keep);
        var x = torch.randn([2, 4, 8]).requires_grad_();
        // float32 parameters: a larger step keeps rounding error far below the tolerance.
        GradCheck.Check(
            inputs => attention.forward(inputs[0], mask),
            [x, attention.query.weight, attention.key.bias!, attention.value.weight, attention.output.weight],
            eps: 1e-2, tolerance: 5e-3, maxElements: 24);
    }

    [Fact]
    public void Backward_accumulates_until_cleared_and_detach_stops_it()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor(new[] { 1.0, 2.0 }).requires_grad_();
        w.mul(3.0).sum().backward();
        w.mul(3.0).sum().backward();
        w.grad!.ToArray<double>().Should().Equal(6.0, 6.0);
        w.clear_grad();
        w.grad.Should().BeNull();
        w.detach().requires_grad.Should().BeFalse();
        using (torch.no_grad()) w.mul(2.0).requires_grad.Should().BeFalse();
        torch.is_grad_enabled().Should().BeTrue();
    }
}
