using DslNas.Methods.NasBert;
using DslNas.Runs;

namespace DslNas.Spaces.Tests.NasBertMethod;

public sealed class RankingAndBudgetTests
{
    [Fact]
    public void Combinations_are_ranked_by_their_summed_block_loss()
    {
        IReadOnlyList<IReadOnlyList<double>> losses = [[0.3, 0.1], [0.5, 0.2, 0.9]];
        var ranked = PerformanceApproximation.Rank(losses, paths => 100 * paths[0] + paths[1]);
        ranked.Should().HaveCount(6);
        ranked.Select(r => r.ApproximateLoss).Should().BeInAscendingOrder();
        ranked[0].Paths.Should().Equal(1, 1);
        ranked[0].ApproximateLoss.Should().BeApproximately(0.3, 1e-12);
        ranked[0].Parameters.Should().Be(101);
        ranked[^1].Paths.Should().Equal(0, 2);
        foreach (var r in ranked) r.ApproximateLoss.Should().BeApproximately(losses[0][r.Paths[0]] + losses[1][r.Paths[1]], 1e-12);
    }

    [Fact]
    public void Budgets_are_counts_or_shares_of_the_largest_and_one_below_the_smallest_architecture_is_refused()
    {
        ParameterBudgets.Resolve("10%,2M,500k,1200", largest: 10_000_000, smallest: 100)
            .Should().Equal(("2M", 2_000_000L), ("10%", 1_000_000L), ("500k", 500_000L), ("1200", 1200L));
        FluentActions.Invoking(() => ParameterBudgets.Resolve("50%,90", largest: 1000, smallest: 120))
            .Should().Throw<RunInputException>().WithMessage("*--budgets 90 (90 parameters) is below the smallest architecture of the space (120 non-embedding parameters)*");
        FluentActions.Invoking(() => ParameterBudgets.Parse("150%")).Should().Throw<ArgumentException>().WithMessage("*(0%, 100%]*");
        FluentActions.Invoking(() => ParameterBudgets.Parse("lots")).Should().Throw<ArgumentException>().WithMessage("*'lots' is not a parameter count*");
        FluentActions.Invoking(() => ParameterBudgets.Parse(" , ")).Should().Throw<ArgumentException>().WithMessage("*names no budget*");
    }
}
