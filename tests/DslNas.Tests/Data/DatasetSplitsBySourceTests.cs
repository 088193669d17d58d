using System.IO.Compression;
using DslNas.Data.Corpora;

namespace DslNas.Tests.Data;

public sealed class DatasetSplitsBySourceTests
{
    /// <summary><paramref name="sources"/> sources labelled <paramref name="label"/>, each with three examples.</summary>
    private static IEnumerable<LabelledExample> Sourced(string label, int sources) =>
        Enumerable.Range(0, sources).SelectMany(s => Enumerable.Range(0, 3).Select(i => new LabelledExample($"{label} {s}.{i}", label, $"{label}-{s}")));

    private static int SourceCount(IEnumerable<LabelledExample> split, string label) => split.Where(e => e.Label == label).Select(e => e.Source).Distinct().Count();

    [Fact]
    public void Sources_are_dealt_whole_per_label_and_small_labels_reach_test_then_validation()
    {
        var examples = Sourced("big", 40).Concat(Sourced("one", 1)).Concat(Sourced("two", 2)).Concat(Sourced("three", 3)).ToList();
        var splits = DatasetSplits.StratifiedBySource("toy", examples, validationFraction: 0.1, testFraction: 0.2, seed: 9);
        var perSplit = new[] { splits.Train, splits.Validation, splits.Test };
        perSplit.SelectMany(s => s.Select(e => e.Source).Distinct()).Should().OnlyHaveUniqueItems().And.HaveCount(46);
        perSplit.Select(s => SourceCount(s, "big")).Should().Equal(28, 4, 8);
        perSplit.Select(s => SourceCount(s, "one")).Should().Equal(1, 0, 0);
        perSplit.Select(s => SourceCount(s, "two")).Should().Equal(1, 0, 1);
        perSplit.Select(s => SourceCount(s, "three")).Should().Equal(1, 1, 1);
        perSplit.Sum(s => s.Count).Should().Be(examples.Count);
    }

    [Fact]
    public void The_deal_depends_only_on_the_seed()
    {
        var examples = Sourced("a", 30).Concat(Sourced("b", 30)).ToList();
        var first = DatasetSplits.StratifiedBySource("toy", examples, 0.1, 0.1, seed: 1);
        var shuffledInput = examples.AsEnumerable().Reverse().ToList();
        DatasetSplits.StratifiedBySource("toy", shuffledInput, 0.1, 0.1, seed: 1).Test.Should().BeEquivalentTo(first.Test);
        DatasetSplits.StratifiedBySource("toy", examples, 0.1, 0.1, seed: 1).Train.Should().Equal(first.Train);
        DatasetSplits.StratifiedBySource("toy", examples, 0.1, 0.1, seed: 2).Test.Select(e => e.Source).Distinct()
            .Should().NotBeEquivalentTo(first.Test.Select(e => e.Source).Distinct());
    }

    [Fact]
    public void Examples_without_a_source_or_a_source_with_two_labels_are_refused()
    {
        FluentActions.Invoking(() => DatasetSplits.StratifiedBySource("toy", [.. Sourced("a", 3), new LabelledExample("x", "a")], 0.1, 0.1, 1))
            .Should().Throw<InvalidDataException>().WithMessage("toy: an example labelled 'a' has no source*");
        FluentActions.Invoking(() => DatasetSplits.StratifiedBySource("toy", [.. Sourced("a", 3), new LabelledExample("x", "b", "a-0")], 0.1, 0.1, 1))
            .Should().Throw<InvalidDataException>().WithMessage("toy: the source 'a-0' has the labels a, b*");
    }

    [Fact]
    public void Sources_survive_saving_and_sets_without_sources_are_written_as_before()
    {
        var sourced = DatasetSplits.StratifiedBySource("toy", Sourced("a", 10).Concat(Sourced("b", 10)).ToList(), 0.1, 0.1, seed: 1);
        using var stream = new MemoryStream();
        sourced.Save(stream);
        stream.Position = 0;
        var loaded = DatasetSplits.Load(stream, "toy");
        loaded.Train.Should().Equal(sourced.Train);
        loaded.Test.Should().Equal(sourced.Test);

        var unsourced = new DatasetSplits("plain", [new LabelledExample("x", "a")], [new LabelledExample("y", "a")], [new LabelledExample("z", "a")]);
        using var plain = new MemoryStream();
        unsourced.Save(plain);
        plain.Position = 0;
        using var reader = new StreamReader(new GZipStream(plain, CompressionMode.Decompress));
        reader.ReadLine().Should().Be("{\"split\":\"train\",\"label\":\"a\",\"text\":\"x\"}");
    }
}
