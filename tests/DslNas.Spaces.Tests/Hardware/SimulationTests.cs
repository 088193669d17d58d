using System.Text.Json;
using DslNas.Engine;
using DslNas.Hardware;
using DslNas.Hardware.Simulation;
using DslNas.Nn;
using DslNas.Runs;

namespace DslNas.Spaces.Tests.Hardware;

public sealed class SimulationTests
{
    private static readonly DeviceProfile Slow = new("slow", PeakGflops: 1, BandwidthGBs: 1, KernelOverheadUs: 2, Cores: 1, "test");

    [Fact]
    public void A_kernel_takes_the_longer_of_compute_and_memory_time_plus_the_overhead()
    {
        var gemm = Kernel.Gemm("g", 2, 3, 4);
        gemm.Flops.Should().Be(48);
        gemm.Bytes.Should().Be(4 * (6 + 12 + 8 + 4));
        Roofline.TimeUs(gemm, Slow).Should().BeApproximately(0.120 + 2, 1e-12, "120 bytes at 1 GB/s outlast 48 operations at 1 GFLOP/s");
        var heavy = Kernel.Gemm("g", 100, 100, 100);
        Roofline.TimeUs(heavy, Slow).Should().BeApproximately(2e6 / 1e3 + 2, 1e-9, "2 million operations at 1 GFLOP/s outlast 161,600 bytes");
    }

    [Fact]
    public void An_ffn_part_runs_two_products_a_gelu_a_residual_add_and_a_layer_norm_of_hand_computed_size()
    {
        var part = LatencyPart.Layer(new LayerShape(LayerOp.Ffn, 4, 0, 0, 8, long.MaxValue), 2, 2);
        var kernels = KernelPlan.Of(part, batch: 1);
        kernels.Select(k => k.Name).Should().Equal("ffn in", "gelu", "ffn out", "residual add", "layer norm");
        kernels.Select(k => k.Flops).Should().Equal(2 * 2 * 4 * 8, 8 * 16, 2 * 2 * 8 * 4, 8, 8 * 8);
        KernelPlan.Of(part, batch: 3).Sum(k => k.Flops).Should().Be(3 * kernels.Sum(k => k.Flops));
    }

    [Fact]
    public void A_simulation_places_every_kernel_of_every_part_in_order_and_its_trace_holds_them()
    {
        var architecture = new TinyBlocks { Layers = 4, Hidden = [16, 16, 32, 32], Heads = 2, Ops = [Op.Attention, Op.Identity, Op.SepConv3, Op.Ffn] };
        var plan = TinyBlocks.Space.Engine.Plan(TinyBlocks.Space.ToGenes(architecture));
        var simulation = Roofline.Simulate(plan, 8, 2, Slow);
        simulation.Parts.Select(p => p.Part).Should().Equal(LatencyParts.Of(plan, 8));
        simulation.Kernels.Should().HaveCount(LatencyParts.Of(plan, 8).Sum(p => KernelPlan.Of(p, 2).Count));
        simulation.TotalMs.Should().BeApproximately(simulation.Kernels.Sum(k => Roofline.TimeUs(k.Kernel, Slow)) / 1000, 1e-9);
        for (var i = 1; i < simulation.Kernels.Count; i++)
            simulation.Kernels[i].StartUs.Should().BeApproximately(simulation.Kernels[i - 1].StartUs + simulation.Kernels[i - 1].DurationUs, 1e-9);
        using var trace = JsonDocument.Parse(ChromeTrace.Write(simulation));
        var events = trace.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        events.Should().HaveCount(simulation.Kernels.Count);
        events[0].GetProperty("ph").GetString().Should().Be("X");
        events[^1].GetProperty("cat").GetString().Should().Be("ffn h=32 f=128 t=8");
    }

    [Fact]
    public void Calibration_recovers_the_device_that_produced_a_table()
    {
        var device = new DeviceProfile("made", PeakGflops: 100, BandwidthGBs: 10, KernelOverheadUs: 3, Cores: 2, "test");
        var settings = new LatencyMeterSettings(64, 1, 0, 1, 1);
        var space = SpaceCatalog.Get("fast-transformer");
        var entries = LatencyParts.OfSpace(space.Engine, 64).Select(p =>
        {
            var ms = KernelPlan.Of(p, 1).Sum(k => Roofline.TimeUs(k, device)) / 1000;
            return new LatencyTableEntry(p, ms, ms, ms);
        }).ToList();
        var table = new LatencyTable("fast-transformer", LatencyTable.Signature(space.Engine), MachineIdentity.Current, settings, entries, 0, [], DateTime.UtcNow);
        var calibrated = Calibration.Calibrate(table);
        calibrated.PeakGflops.Should().BeApproximately(100, 1e-6);
        calibrated.BandwidthGBs.Should().BeApproximately(10, 1e-6);
        calibrated.KernelOverheadUs.Should().BeApproximately(3, 1e-6);
        calibrated.Source.Should().Contain("mean part error 0.0 %");
    }

    [Fact]
    public void An_unknown_device_or_a_profile_with_a_missing_or_non_positive_figure_is_refused_by_name()
    {
        FluentActions.Invoking(() => DeviceCatalog.Get("abacus", () => throw new InvalidOperationException())).Should().Throw<RunInputException>()
            .WithMessage("unknown device 'abacus'; the devices: this-machine, mobile-cpu, datacenter-gpu, tpu-like*");
        var directory = Directory.CreateTempSubdirectory("dslnas-device-").FullName;
        try
        {
            var missing = Path.Combine(directory, "missing.json");
            File.WriteAllText(missing, """{ "Name": "edge", "PeakGflops": 50, "KernelOverheadUs": 4, "Cores": 4 }""");
            FluentActions.Invoking(() => DeviceProfile.Load(missing)).Should().Throw<RunInputException>().WithMessage("*'edge' needs a positive BandwidthGBs, got 0*");
            var negative = Path.Combine(directory, "negative.json");
            File.WriteAllText(negative, """{ "Name": "edge", "PeakGflops": -1, "BandwidthGBs": 10, "KernelOverheadUs": 4, "Cores": 4 }""");
            FluentActions.Invoking(() => DeviceProfile.Load(negative)).Should().Throw<RunInputException>().WithMessage("*positive PeakGflops, got -1*");
            var good = Path.Combine(directory, "good.json");
            File.WriteAllText(good, """{ "Name": "edge", "PeakGflops": 50, "BandwidthGBs": 10, "KernelOverheadUs": 4, "Cores": 4, "Source": "vendor sheet" }""");
            DeviceProfile.Load(good).Should().Be(new DeviceProfile("edge", 50, 10, 4, 4, "vendor sheet"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Simulate_prints_the_parts_and_the_total_and_writes_a_simulated_and_a_measured_trace()
    {
        var trace = Path.Combine(Path.GetTempPath(), $"dslnas-trace-{Guid.NewGuid():N}.json");
        var measured = trace + ".measured.json";
        try
        {
            var (code, output, error) = DriverHarness.Run("simulate", "--space", "tiny-blocks", "--device", "mobile-cpu", "--length", "8", "--trace", trace, "--measured-trace", measured);
            code.Should().Be(0, error);
            output.Should().Contain("simulated total:").And.Contain("embedding h=32 t=8").And.Contain("Snapdragon 855").And.Contain("measured part by part:");
            JsonDocument.Parse(File.ReadAllText(trace)).RootElement.GetProperty("traceEvents").GetArrayLength().Should().BePositive();
            var largest = TinyBlocks.Space.Engine.Plan(TinyBlocks.Space.Engine.Extreme(largest: true));
            var parts = JsonDocument.Parse(File.ReadAllText(measured)).RootElement.GetProperty("traceEvents").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
            parts.Should().Equal(LatencyParts.Of(largest, 8).Select(p => p.ToString()), "the measured timeline has one event per part of the largest architecture, in order");
            DriverHarness.Run("simulate", "--space", "tiny-blocks", "--device", "abacus").Code.Should().Be(2);
        }
        finally
        {
            File.Delete(trace);
            File.Delete(measured);
        }
    }
}
