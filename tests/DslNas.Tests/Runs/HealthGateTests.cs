using DslNas.Runs;
using DslNas.Training;

namespace DslNas.Tests.Runs;

public sealed class HealthGateTests
{
    private static SupernetHealth Health(double correlation, params double[] accuracies) =>
        new(accuracies.Select((a, i) => new SubnetScore($"subnet {i}", 1000 * (i + 1), 0.5, a)).ToList(), correlation);

    [Fact]
    public void Every_subnet_at_the_majority_rate_is_a_collapse()
    {
        var problem = HealthGate.Problem(Health(0.9, 0.5655, 0.5655, 0.5650, 0.5660), 0.5655, new HealthOptions());
        problem.Should().Contain("collapsed").And.Contain("56.55 %").And.Contain("--steps").And.Contain("--learning-rate").And.Contain("--ignore-health");
    }

    [Fact]
    public void One_subnet_away_from_the_majority_rate_is_not_a_collapse()
    {
        HealthGate.Problem(Health(0.9, 0.5655, 0.62, 0.5650), 0.5655, new HealthOptions()).Should().BeNull();
    }

    [Fact]
    public void A_rank_correlation_below_the_threshold_stops_the_run()
    {
        var options = new HealthOptions(MinSpearman: 0.2);
        HealthGate.Problem(Health(0.1, 0.70, 0.80, 0.90), 0.5, options).Should().Contain("Spearman").And.Contain("0.100").And.Contain("0.20");
        HealthGate.Problem(Health(0.3, 0.70, 0.80, 0.90), 0.5, options).Should().BeNull();
    }

    [Fact]
    public void The_majority_rate_is_the_share_of_the_most_frequent_label()
    {
        HealthGate.MajorityRate([0, 1, 1, 1, 2]).Should().Be(0.6);
    }
}
