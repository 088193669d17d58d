using DslNas.Runs;

namespace DslNas.Tests.Runs;

public sealed class RunDataTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-data").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Tsv(int perLabel)
    {
        var path = Path.Combine(directory, "data.tsv");
        File.WriteAllLines(path, ["text\tlabel", .. Enumerable.Range(0, 2 * perLabel).Select(i => $"text number {i} about {(i % 2 == 0 ? "cats" : "dogs")}\t{(i % 2 == 0 ? "a" : "b")}")]);
        return path;
    }

    [Fact]
    public void The_search_split_is_held_out_of_training_per_label_and_reproducible()
    {
        var options = new DataOptions(Tsv(50), Vocabulary: 30, MaxLength: 8, SearchFraction: 0.2);
        var data = RunData.Load(options, 3, Path.Combine(directory, "vocab.txt"));
        var splits = data.Splits;
        (data.Train.Count + data.Search.Count).Should().Be(splits.Train.Count);
        data.Search.Count(e => e.Label == 0).Should().Be((int)Math.Round(splits.Train.Count(e => e.Label == "a") * 0.2));
        data.Search.Count(e => e.Label == 1).Should().Be((int)Math.Round(splits.Train.Count(e => e.Label == "b") * 0.2));
        var again = RunData.Load(options, 3, Path.Combine(directory, "vocab.txt"));
        again.Search.Select(e => string.Join(",", e.Ids)).Should().Equal(data.Search.Select(e => string.Join(",", e.Ids)));
    }

    [Fact]
    public void Examples_of_one_source_stay_together()
    {
        var examples = Enumerable.Range(0, 40).SelectMany(d => Enumerable.Range(0, 5).Select(k =>
            new DslNas.Data.Corpora.LabelledExample($"document {d} part {k}", d % 2 == 0 ? "even" : "odd", $"document {d}"))).ToList();
        var (kept, heldOut) = RunData.HoldOut(examples, 0.1, 7);
        heldOut.Should().HaveCount(2 * 2 * 5, "10% of each label's 20 documents, with all 5 parts");
        kept.Select(e => e.Source).Intersect(heldOut.Select(e => e.Source)).Should().BeEmpty();
        kept.Should().HaveCount(examples.Count - heldOut.Count).And.BeEquivalentTo(examples.Except(heldOut));
        RunData.HoldOut(examples, 0.1, 8).HeldOut.Select(e => e.Source).Distinct().Should().NotBeEquivalentTo(heldOut.Select(e => e.Source).Distinct(), "another seed holds out other documents");
    }
}
