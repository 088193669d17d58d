using DslNas.Search.Ose;

namespace DslNas.Tests.Search.Ose;

public sealed class OseFptasTests
{
    private static readonly RatioWCoefficient W = new();

    /// <summary>
    /// Four candidates against T = (100, 100, e 1): bounds on W with e ≥ 1 are 1, 4, 16 and 100; with errors 1, 1.1, 2
    /// and 20 their W are 1, 3.64, 8 and 5, so candidate 2 is the maximiser.
    /// </summary>
    private static readonly (double, double)[] Costs = [(100, 100), (50, 50), (25, 25), (10, 10)];

    private static readonly OsePoint Maximum = new(100, 100, 1);

    private static readonly double[] Errors = [1, 1.1, 2, 20];

    [Fact]
    public void The_fptas_trains_by_decreasing_bound_and_stops_once_no_untrained_candidate_can_beat_the_best_by_more_than_epsilon()
    {
        var trained = new List<int>();
        var selection = OseFptas.Select(Costs, Maximum, errorLowerBound: 1, epsilon: 0.5, W, i => { trained.Add(i); return Errors[i]; });

        trained.Should().Equal(3, 2);
        selection.Chosen.Should().Be(2);
        selection.ChosenW.Should().BeApproximately(8, 1e-12);
        selection.Steps.Select(s => (s.Candidate, s.UpperBound)).Should().Equal((3, 100.0), (2, 16.0));
        selection.Steps.Select(s => s.BestW).Should().Equal(5, 8);
        selection.Stop.Should().Contain("stopped after 2 of 4").And.Contain("the 2 candidates left");
        selection.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void The_exhaustive_search_trains_every_candidate_and_finds_the_same_maximiser()
    {
        var exhaustive = OseFptas.Exhaustive(Costs, Maximum, W, i => Errors[i]);
        exhaustive.Trained.Should().Be(4);
        exhaustive.Chosen.Should().Be(2);
        exhaustive.Steps.Select(s => s.W).Should().Equal(1, 4 / 1.1, 8, 5);
    }

    [Fact]
    public void A_tight_epsilon_trains_until_the_bound_of_the_rest_is_below_the_best()
    {
        var selection = OseFptas.Select(Costs, Maximum, 1, epsilon: 1e-9, W, i => Errors[i]);
        selection.Steps.Select(s => s.Candidate).Should().Equal(3, 2);
        selection.Chosen.Should().Be(2);
    }

    [Fact]
    public void On_synthetic_grids_that_respect_the_error_bound_the_pick_is_within_the_guarantee_of_the_exhaustive_maximum()
    {
        var random = new Random(3);
        var fewer = 0;
        for (var trial = 0; trial < 200; trial++)
        {
            var count = random.Next(5, 120);
            var costs = Enumerable.Range(0, count).Select(_ => (1 + random.NextDouble() * 99, 1 + random.NextDouble() * 999)).ToArray();
            var lowerBound = 0.5 + random.NextDouble();
            // A smaller model errs more, as a subarchitecture of the maximum point would, and never below the bound.
            var errors = costs.Select(c => lowerBound * (1 + random.NextDouble() * 0.3) * Math.Pow(100 / c.Item1, random.NextDouble())).ToArray();
            var maximum = new OsePoint(100, 1000, lowerBound);
            var epsilon = new[] { 0.01, 0.1, 0.3, 0.7 }[trial % 4];
            var exhaustive = OseFptas.Exhaustive(costs, maximum, W, i => errors[i]);
            var selection = OseFptas.Select(costs, maximum, lowerBound, epsilon, W, i => errors[i]);

            selection.ChosenW.Should().BeGreaterThanOrEqualTo((1 - epsilon) * exhaustive.ChosenW, $"trial {trial}");
            selection.ChosenW.Should().BeApproximately(W.Score(new OsePoint(costs[selection.Chosen].Item1, costs[selection.Chosen].Item2, errors[selection.Chosen]), maximum), 1e-9);
            selection.Warnings.Should().BeEmpty();
            if (selection.Trained < count) fewer++;
        }
        fewer.Should().BeGreaterThan(100, "the bound lets the FPTAS skip candidates on most grids");
    }

    [Fact]
    public void An_error_below_the_bound_is_a_warning_that_the_guarantee_does_not_hold()
    {
        double[] errors = [1, 1.1, 2, 0.5];
        var selection = OseFptas.Select(Costs, Maximum, 1, 0.5, W, i => errors[i]);
        selection.Chosen.Should().Be(3);
        selection.Warnings.Should().ContainSingle().Which.Should().Contain("candidate 3 reached error 0.5, below the lower bound 1").And.Contain("guarantee does not hold");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.2)]
    [InlineData(double.NaN)]
    public void Epsilon_outside_the_open_unit_interval_is_refused(double epsilon)
    {
        var select = () => OseFptas.Select(Costs, Maximum, 1, epsilon, W, i => Errors[i]);
        select.Should().Throw<ArgumentOutOfRangeException>().WithMessage("epsilon must lie in (0, 1)*");
    }
}
