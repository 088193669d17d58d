using DslNas.Search.Lengths;

namespace DslNas.Tests.Search;

public sealed class LengthFrontTests
{
    private static ScoredLengths S(double cost, double score, params int[] lengths) => new(new LengthConfiguration(lengths, 10), cost, score);

    [Fact]
    public void The_pareto_update_keeps_the_staircase_the_cheapest_and_the_costliest()
    {
        var members = new[]
        {
            S(10, 0.50, 4, 2), S(12, 0.40, 5, 2), S(12, 0.60, 4, 4), S(12, 0.55, 5, 3), S(15, 0.60, 6, 2), S(18, 0.70, 7, 2), S(20, 0.65, 10, 10),
        };
        var front = LengthFront.Pareto(members);
        front.Select(m => (m.Cost, m.Score)).Should().Equal((10, 0.50), (12, 0.60), (18, 0.70), (20, 0.65));
        front[1].Lengths.Lengths.Should().Equal(4, 4);
        LengthFront.Pareto(members.Reverse()).Select(m => m.Lengths.ToString()).Should().Equal(front.Select(m => m.Lengths.ToString()), "order does not matter");
        LengthFront.Pareto([]).Should().BeEmpty();
    }

    [Fact]
    public void The_area_is_the_mean_best_score_reachable_over_the_cost_range()
    {
        // Over [10, 20]: nothing below 12, 0.5 on [12, 16), 0.8 on [16, 20]: (0.5 * 4 + 0.8 * 4) / 10 = 0.52.
        LengthFront.Area([S(12, 0.5, 2, 2), S(16, 0.8, 3, 2), S(18, 0.7, 4, 2)], 10, 20).Should().BeApproximately(0.52, 1e-12);
        LengthFront.Area([S(10, 1.0, 2, 2)], 10, 20).Should().Be(1.0);
        LengthFront.Area([], 10, 20).Should().Be(0);
    }
}
