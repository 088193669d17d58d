using DslNas.Torch;
using DslNas.Torch.Native;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Torch.Tests;

public sealed class DropoutTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Drops_a_fraction_p_and_scales_the_rest_by_one_over_one_minus_p(double p)
    {
        using var scope = torch.NewDisposeScope();
        var values = F.dropout(torch.ones([200_000]), p).ToArray<float>();
        var dropped = values.Count(v => v == 0) / (double)values.Length;
        dropped.Should().BeApproximately(p, 0.005);
        values.Where(v => v != 0).Should().OnlyContain(v => Math.Abs(v - 1 / (1 - p)) < 1e-5);
        values.Average().Should().BeApproximately(1.0f, 0.02f, "dropout keeps the expectation");
    }

    [Fact]
    public void Masks_are_reproducible_under_a_seed_and_differ_between_calls()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones([1000]);
        torch.manual_seed(11);
        var first = F.dropout(x, 0.3).ToArray<float>();
        var second = F.dropout(x, 0.3).ToArray<float>();
        torch.manual_seed(11);
        F.dropout(x, 0.3).ToArray<float>().Should().Equal(first);
        second.Should().NotEqual(first);
    }

    [Fact]
    public void Consecutive_elements_are_independent()
    {
        using var scope = torch.NewDisposeScope();
        var kept = F.dropout(torch.ones([100_000]), 0.5).ToArray<float>().Select(v => v != 0).ToArray();
        var bothKept = Enumerable.Range(0, kept.Length - 1).Count(i => kept[i] && kept[i + 1]) / (double)(kept.Length - 1);
        bothKept.Should().BeApproximately(0.25, 0.01);
    }

    [Fact]
    public void The_gradient_is_the_mask()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.randn([64, 32], ScalarType.Float64).requires_grad_();
        var y = F.dropout(x, 0.25);
        y.sum().backward();
        var expected = y.ne(0).to_type(ScalarType.Float64).mul(1 / 0.75);
        x.grad!.ShouldMatch(expected, 1e-12);
    }

    [Fact]
    public void Eval_mode_and_zero_probability_return_the_input_and_bad_probabilities_are_refused()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.randn([10]);
        F.dropout(x, 0.5, training: false).ToArray<float>().Should().Equal(x.ToArray<float>());
        F.dropout(x, 0).ToArray<float>().Should().Equal(x.ToArray<float>());
        F.dropout(x, 1).ToArray<float>().Should().OnlyContain(v => v == 0);
        x.Invoking(t => F.dropout(t, 1.5)).Should().Throw<ArgumentOutOfRangeException>();
        torch.arange(4).Invoking(t => F.dropout(t, 0.5)).Should().Throw<TorchException>().WithMessage("*floating-point*");
    }
}
