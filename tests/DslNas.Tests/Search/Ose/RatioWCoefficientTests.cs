using DslNas.Search.Ose;

namespace DslNas.Tests.Search.Ose;

public sealed class RatioWCoefficientTests
{
    private static readonly RatioWCoefficient W = new();
    private static readonly OsePoint Maximum = new(Parameters: 100, Inference: 1000, Error: 2);

    [Fact]
    public void W_is_the_product_of_the_size_speed_and_error_ratios_to_the_maximum_point()
    {
        W.Score(new OsePoint(10, 100, 4), Maximum).Should().BeApproximately(10 * 10 * 0.5, 1e-12);
        W.Score(new OsePoint(50, 250, 2.5), Maximum).Should().BeApproximately(2 * 4 * 0.8, 1e-12);
        W.Score(Maximum, Maximum).Should().Be(1);
    }

    [Fact]
    public void W_does_not_grow_with_the_error()
    {
        var errors = new[] { 2.0, 2.5, 3, 10 };
        errors.Select(e => W.Score(new OsePoint(10, 100, e), Maximum)).Should().BeInDescendingOrder();
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, -1, 1)]
    [InlineData(1, 1, 0)]
    [InlineData(1, 1, double.NaN)]
    public void Non_positive_objectives_are_refused(double p, double i, double e)
    {
        var score = () => W.Score(new OsePoint(p, i, e), Maximum);
        score.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*candidate's parameters, inference cost and error must be positive*");
    }
}
