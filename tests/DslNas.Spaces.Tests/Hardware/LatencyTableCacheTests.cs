using DslNas.Hardware;
using DslNas.Runs;

namespace DslNas.Spaces.Tests.Hardware;

/// <summary>Builds real (tiny) tables: every part of tiny-blocks at 8 tokens, timed once.</summary>
public sealed class LatencyTableCacheTests : IDisposable
{
    private readonly string cache = Directory.CreateTempSubdirectory("dslnas-latency-").FullName;
    private readonly LatencyMeter meter = new(8, batch: 1, warmup: 0, repetitions: 1);
    private readonly SearchSpaceDescriptor space = SpaceCatalog.Get("tiny-blocks");
    private readonly List<string> log = [];

    public void Dispose() => Directory.Delete(cache, recursive: true);

    private LatencyTable Get() => LatencyTableCache.Get(space, meter, new QuietRunEvents(log.Add), cache);

    [Fact]
    public void A_built_table_measures_every_part_of_the_space_and_fits_its_constant_on_whole_architectures()
    {
        var table = Get();
        table.Entries.Select(e => e.Part).Should().Equal(LatencyParts.OfSpace(space.Engine, 8));
        table.Entries.Should().OnlyContain(e => e.MedianMs > 0 && e.LowerQuartileMs <= e.MedianMs && e.MedianMs <= e.UpperQuartileMs);
        table.FitErrors.Should().HaveCount(LatencyTableBuilder.DefaultFitArchitectures + 2);
        table.Machine.Should().Be(MachineIdentity.Current);
        table.Settings.Should().Be(meter.Settings);
        File.Exists(LatencyTableCache.PathOf("tiny-blocks", meter.Settings, cache)).Should().BeTrue();
    }

    [Fact]
    public void A_cached_table_is_reused_on_the_same_machine_and_settings()
    {
        var first = Get();
        log.Clear();
        var second = Get();
        second.Created.Should().Be(first.Created);
        second.Entries.Should().Equal(first.Entries);
        log.Should().ContainSingle().Which.Should().StartWith("latency table of 'tiny-blocks'");
    }

    [Fact]
    public void A_table_from_another_machine_or_libtorch_is_rebuilt_with_a_message()
    {
        var path = LatencyTableCache.PathOf("tiny-blocks", meter.Settings, cache);
        var first = Get();
        (first with { Machine = first.Machine with { Libtorch = "0.1.0 (elsewhere)" } }).Save(path);
        log.Clear();
        var rebuilt = Get();
        log.Should().Contain(l => l.Contains("not reused") && l.Contains("libtorch 0.1.0 (elsewhere), not"));
        rebuilt.Machine.Should().Be(MachineIdentity.Current);
        LatencyTable.Load(path).Machine.Should().Be(MachineIdentity.Current);
    }

    [Fact]
    public void A_table_taken_with_other_meter_settings_or_for_another_space_declaration_is_stale()
    {
        var table = Get();
        LatencyTableCache.Staleness(table, space, meter.Settings, MachineIdentity.Current).Should().BeNull();
        LatencyTableCache.Staleness(table, space, meter.Settings with { Threads = meter.Settings.Threads + 1 }, MachineIdentity.Current)
            .Should().Contain("other meter settings");
        LatencyTableCache.Staleness(table with { SpaceSignature = "Hidden:Hidden=16;" }, space, meter.Settings, MachineIdentity.Current).Should().Contain("has changed");
        LatencyTableCache.Staleness(table, SpaceCatalog.Get("tiny-lengths"), meter.Settings, MachineIdentity.Current).Should().Contain("'tiny-blocks', not 'tiny-lengths'");
        LatencyTableCache.Staleness(table, space, meter.Settings, MachineIdentity.Current with { Host = "elsewhere" }).Should().Contain("host");
    }

    [Fact]
    public void A_file_that_is_not_a_table_is_rebuilt_with_a_message()
    {
        var path = LatencyTableCache.PathOf("tiny-blocks", meter.Settings, cache);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{ not json");
        var table = Get();
        log.Should().Contain(l => l.Contains("not reused") && l.Contains("not a DslNas latency table"));
        table.Entries.Should().NotBeEmpty();
    }
}
