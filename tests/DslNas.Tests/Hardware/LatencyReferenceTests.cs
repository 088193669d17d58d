using System.Text.Json.Nodes;
using DslNas.Hardware;
using DslNas.Torch;

namespace DslNas.Tests.Hardware;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class LatencyReferenceTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("dslnas-reference-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string PathOf() => LatencyReference.PathOf(8, 1, torch.get_num_threads(), root);

    [Fact]
    public void A_calibration_is_measured_once_cached_and_read_back_by_a_later_process()
    {
        var first = LatencyReference.Open(8, 1, PathOf());
        first.CalibratedMs.Should().BePositive();
        File.Exists(PathOf()).Should().BeTrue();
        var written = File.GetLastWriteTimeUtc(PathOf());

        var later = LatencyReference.Open(8, 1, PathOf());
        later.CalibratedMs.Should().Be(first.CalibratedMs);
        File.GetLastWriteTimeUtc(PathOf()).Should().Be(written, "a valid calibration is read, not measured again");
        LatencyReference.PathOf(8, 1, 2, root).Should().EndWith(Path.Combine("latency-reference", "batch1-tokens8-threads2.json"));
    }

    [Theory]
    [InlineData("machine")]
    [InlineData("threads")]
    [InlineData("damaged")]
    public void A_calibration_from_another_machine_or_setting_or_a_damaged_file_is_measured_again(string change)
    {
        LatencyReference.Open(8, 1, PathOf());
        var json = JsonNode.Parse(File.ReadAllText(PathOf()))!;
        if (change == "machine") json["Machine"]!["Host"] = "another-host";
        if (change == "threads") json["Threads"] = 64;
        json["Ms"] = 12345.0;
        File.WriteAllText(PathOf(), change == "damaged" ? "{ not json" : json.ToJsonString());

        var reference = LatencyReference.Open(8, 1, PathOf());
        reference.CalibratedMs.Should().NotBe(12345.0);
        JsonNode.Parse(File.ReadAllText(PathOf()))!["Ms"]!.GetValue<double>().Should().Be(reference.CalibratedMs);
    }

    [Fact]
    public void Building_the_reference_leaves_a_seeded_random_stream_where_it_was()
    {
        torch.manual_seed(7);
        var expected = torch.rand([4]).ToArray<float>();
        torch.manual_seed(7);
        LatencyReference.Open(8, 1, PathOf());
        torch.rand([4]).ToArray<float>().Should().Equal(expected);
    }

    [Fact]
    public void A_meter_with_the_reference_measures_a_model_on_the_references_scale()
    {
        var reference = LatencyReference.Open(8, 1, PathOf());
        var meter = new LatencyMeter(8, warmup: 2, repetitions: 9, reference: reference);
        var measured = meter.MeasureInterleaved([reference.Run]);
        measured[0].MedianMs.Should().BeApproximately(reference.CalibratedMs, reference.CalibratedMs * 0.2,
            "the reference measured beside itself takes its own calibrated time, up to the noise of two medians");
        meter.Settings.ReferenceMs.Should().Be(reference.CalibratedMs);
    }

    [Fact]
    public async Task Processes_opening_the_reference_at_once_share_one_calibration()
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => LatencyReference.Open(8, 1, PathOf()))));
        opened.Select(r => r.CalibratedMs).Distinct().Should().ContainSingle("the first calibrates while the others wait, then read its file");
        JsonNode.Parse(File.ReadAllText(PathOf()))!["Ms"]!.GetValue<double>().Should().Be(opened[0].CalibratedMs);
    }

    [Fact]
    public void One_reference_serves_a_process_per_cache_path()
    {
        LatencyReference.For(8, 1, root).Should().BeSameAs(LatencyReference.For(8, 1, root));
        LatencyReference.For(8, 2, root).Should().NotBeSameAs(LatencyReference.For(8, 1, root));
    }
}
