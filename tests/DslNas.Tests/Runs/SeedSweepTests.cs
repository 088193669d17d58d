using DslNas.Runs;

namespace DslNas.Tests.Runs;

public sealed class SeedSweepTests
{
    [Fact]
    public void Mean_and_sample_standard_deviation()
    {
        var (mean, std) = SeedSweep.MeanStd([2, 4, 4, 4, 5, 5, 7, 9]);
        mean.Should().Be(5);
        std.Should().BeApproximately(Math.Sqrt(32.0 / 7), 1e-12);
        SeedSweep.MeanStd([3]).Should().Be((3, 0));
    }

    [Fact]
    public void Models_are_summarized_by_name_over_the_seeds()
    {
        var statistics = SeedSweep.Summarize(
        [
            [new ModelScore("searched", 0.8, 0.7, 0.6, 2.0, 100), new ModelScore("baseline", 0.9, 0.8, 0.7, 3.0, 200)],
            [new ModelScore("searched", 0.6, 0.5, 0.4, 4.0, 100), new ModelScore("baseline", 0.9, 0.8, 0.7, 3.0, 200)],
        ]);
        statistics.Select(s => s.Model).Should().Equal("searched", "baseline");
        var searched = statistics[0];
        searched.Seeds.Should().Be(2);
        searched.MeanTestAccuracy.Should().BeApproximately(0.6, 1e-12);
        searched.StdTestAccuracy.Should().BeApproximately(Math.Sqrt(0.02), 1e-12);
        searched.MeanLatencyMs.Should().Be(3.0);
        statistics[1].StdValidationAccuracy.Should().Be(0);
    }
}
