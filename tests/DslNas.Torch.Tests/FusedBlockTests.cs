using DslNas.Torch;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Torch.Tests;

/// <summary>The one-call feed-forward block and self-attention against the operations they stand for, in both precisions.</summary>
public sealed class FusedBlockTests
{
    private const long Heads = 4;
    private const long HeadSize = 8;
    private const long Hidden = 24;

    public FusedBlockTests() => torch.manual_seed(11);

    private static Tensor ComposedFfn(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2) => F.linear(F.linear(x, w1, b1).gelu(), w2, b2);

    private static Tensor ComposedAttention(Tensor x, Tensor? mask, Tensor[] w)
    {
        var (batch, length) = (x.size(0), x.size(1));
        Tensor Split(Tensor weight, Tensor bias) => F.linear(x, weight, bias).view(batch, length, Heads, HeadSize).transpose(1, 2);
        var scores = Split(w[0], w[1]).matmul(Split(w[2], w[3]).transpose(-1, -2)).mul(1 / Math.Sqrt(HeadSize));
        if (mask is not null) scores = scores.add(mask);
        var context = scores.softmax(-1).matmul(Split(w[4], w[5])).transpose(1, 2).reshape(batch, length, Heads * HeadSize);
        return F.linear(context, w[6], w[7]);
    }

    private static Tensor[] AttentionWeights() =>
    [
        torch.randn([Heads * HeadSize, Hidden]), torch.randn([Heads * HeadSize]), torch.randn([Heads * HeadSize, Hidden]), torch.randn([Heads * HeadSize]),
        torch.randn([Heads * HeadSize, Hidden]), torch.randn([Heads * HeadSize]), torch.randn([Hidden, Heads * HeadSize]), torch.randn([Hidden]),
    ];

    private static Tensor Mask()
    {
        var keep = torch.ones([3, 10]);
        keep[1].narrow(0, 7, 3).fill_(0);
        return keep.sub(1).mul(1e4).unsqueeze(1).unsqueeze(1);
    }

    [Theory]
    [InlineData(MatmulPrecision.Float32)]
    [InlineData(MatmulPrecision.BFloat16)]
    public void The_feed_forward_block_gives_the_composed_result_without_gradients(MatmulPrecision precision)
    {
        using var scope = torch.NewDisposeScope();
        var (x, w1, b1, w2, b2) = (torch.randn([3, 10, Hidden]), torch.randn([40, Hidden]), torch.randn([40]), torch.randn([Hidden, 40]), torch.randn([Hidden]));
        using var products = torch.matmul_precision(precision);
        using var noGrad = torch.no_grad();
        var fused = F.feed_forward(x, w1, b1, w2, b2);
        fused.dtype.Should().Be(ScalarType.Float32);
        fused.ToArray<float>().Should().Equal(ComposedFfn(x, w1, b1, w2, b2).ToArray<float>());
    }

    [Theory]
    [InlineData(MatmulPrecision.Float32, true)]
    [InlineData(MatmulPrecision.Float32, false)]
    [InlineData(MatmulPrecision.BFloat16, true)]
    [InlineData(MatmulPrecision.BFloat16, false)]
    public void Self_attention_gives_the_composed_result_without_gradients(MatmulPrecision precision, bool masked)
    {
        using var scope = torch.NewDisposeScope();
        var (x, w, mask) = (torch.randn([3, 10, Hidden]), AttentionWeights(), masked ? Mask() : null);
        using var products = torch.matmul_precision(precision);
        using var noGrad = torch.no_grad();
        var fused = F.self_attention(x, mask, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], Heads, HeadSize);
        fused.dtype.Should().Be(ScalarType.Float32);
        fused.ToArray<float>().Should().Equal(ComposedAttention(x, mask, w).ToArray<float>());
    }

    [Theory]
    [InlineData(MatmulPrecision.Float32)]
    [InlineData(MatmulPrecision.BFloat16)]
    public void With_gradients_both_blocks_compute_and_differentiate_as_the_composition(MatmulPrecision precision)
    {
        using var scope = torch.NewDisposeScope();
        using var products = torch.matmul_precision(precision);
        var x = torch.randn([3, 10, Hidden]).requires_grad_();
        var (w1, b1, w2, b2) = (torch.randn([40, Hidden]).requires_grad_(), torch.randn([40]), torch.randn([Hidden, 40]), torch.randn([Hidden]));
        var (w, mask) = (AttentionWeights(), Mask());
        w[0].requires_grad_();
        float[][] Run(bool fused)
        {
            x.grad?.zero_();
            w1.grad?.zero_();
            w[0].grad?.zero_();
            var ffn = fused ? F.feed_forward(x, w1, b1, w2, b2) : ComposedFfn(x, w1, b1, w2, b2);
            var attention = fused ? F.self_attention(x, mask, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], Heads, HeadSize) : ComposedAttention(x, mask, w);
            ffn.add(attention).pow(2).sum().backward();
            return [ffn.detach().ToArray<float>(), attention.detach().ToArray<float>(), x.grad!.ToArray<float>(), w1.grad!.ToArray<float>(), w[0].grad!.ToArray<float>()];
        }
        var composed = Run(fused: false);
        var fusedResults = Run(fused: true);
        fusedResults[0].Should().Equal(composed[0], "the blocks' forward results");
        fusedResults[1].Should().Equal(composed[1]);
        for (var i = 2; i < composed.Length; i++)
        {
            var scale = composed[i].Max(Math.Abs);
            fusedResults[i].Zip(composed[i], (f, c) => Math.Abs(f - c) / scale).Max()
                .Should().BeLessThan(1e-6f, $"gradient {i - 2} (its sums may be accumulated in another order)");
        }
    }

    [Fact]
    public void Slices_of_many_weights_give_what_a_fresh_cast_gives_batch_after_batch()
    {
        using var scope = torch.NewDisposeScope();
        var weights = Enumerable.Range(0, 100).Select(_ => torch.randn([12, 16])).ToList();
        var x = torch.randn([5, 16]);
        using var products = torch.matmul_precision(MatmulPrecision.BFloat16);
        using var noGrad = torch.no_grad();
        for (var batch = 0; batch < 2; batch++)
        for (var i = 0; i < weights.Count; i++)
        {
            var slice = weights[i].narrow(0, i % 3, 6).narrow(1, 0, 16);
            F.linear(x, slice).ToArray<float>().Should().Equal(F.linear(x, slice.clone()).ToArray<float>(), $"weight {i} in batch {batch}, against a copy never cast before");
        }
    }

    [Fact]
    public void A_weight_changed_in_place_is_cast_again()
    {
        using var scope = torch.NewDisposeScope();
        using var products = torch.matmul_precision(MatmulPrecision.BFloat16);
        using var noGrad = torch.no_grad();
        var (x, weight) = (torch.randn([5, 16]), torch.randn([8, 16]));
        var before = F.linear(x, weight.narrow(0, 0, 4)).ToArray<float>();
        weight.mul_(2);
        var after = F.linear(x, weight.narrow(0, 0, 4)).ToArray<float>();
        after.Should().Equal(before.Select(v => v * 2), "doubling is exact in bfloat16, and the cached copy was of the old values");
        F.linear(x, weight.narrow(0, 4, 4)).ToArray<float>().Should().NotEqual(after, "another slice of the same weight is another operand");
    }
}
