using DslNas.Data.Corpora;

namespace DslNas.Tests.Data;

/// <summary>The sotu-era copy embedded in DslNas matches what docs/data.md says of it.</summary>
public sealed class ShippedStateOfTheUnionTests
{
    private static readonly DatasetSplits Splits = StateOfTheUnion.Shipped();

    private static IEnumerable<LabelledExample> All => Splits.Train.Concat(Splits.Validation).Concat(Splits.Test);

    [Fact]
    public void It_has_the_documented_counts_and_ten_quarter_centuries()
    {
        (Splits.Train.Count, Splits.Validation.Count, Splits.Test.Count).Should().Be((10_008, 936, 910));
        Splits.Labels.Should().Equal(Enumerable.Range(0, 10).Select(i => $"{1775 + 25 * i}-{1799 + 25 * i}"));
        All.Select(e => e.Source).Distinct().Should().HaveCount(233);
        All.Select(e => e.Text).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Every_piece_is_labelled_with_its_address_era_and_follows_the_length_rule()
    {
        All.Should().OnlyContain(e => e.Label == StateOfTheUnion.Era(int.Parse(e.Source!.Substring(0, 4))));
        All.Select(e => e.Text.Split(' ').Length).Should().OnlyContain(n => n >= StateOfTheUnion.ChunkWords && n <= 174);
    }

    [Fact]
    public void No_address_is_in_two_splits_and_every_split_has_every_era()
    {
        var sources = new[] { Splits.Train, Splits.Validation, Splits.Test }.Select(s => s.Select(e => e.Source!).ToHashSet()).ToArray();
        sources[0].Overlaps(sources[1]).Should().BeFalse();
        sources[0].Overlaps(sources[2]).Should().BeFalse();
        sources[1].Overlaps(sources[2]).Should().BeFalse();
        (sources[1].Count, sources[2].Count).Should().Be((20, 20));
        foreach (var split in new[] { Splits.Train, Splits.Validation, Splits.Test })
            split.Select(e => e.Label).Distinct().Should().BeEquivalentTo(Splits.Labels);
    }
}
