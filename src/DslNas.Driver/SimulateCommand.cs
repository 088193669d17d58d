using System.CommandLine;
using System.Globalization;
using DslNas.Hardware;
using DslNas.Hardware.Simulation;
using DslNas.Nn;
using DslNas.Runs;

namespace DslNas.Driver;

/// <summary>devices (the device profiles) and simulate (an architecture's forward pass on a device by the roofline model, with a Chrome trace).</summary>
internal static class SimulateCommand
{
    public static Command Devices()
    {
        var command = new Command("devices", "the device profiles simulate knows: peak FLOP/s, bandwidth, per-kernel overhead, cores, and where the figures come from");
        command.SetAction(_ =>
        {
            Console.WriteLine($"{Calibration.ThisMachine}: this machine, calibrated on a space's lookup table when simulated");
            foreach (var device in DeviceCatalog.Named) Console.WriteLine($"{device}\n    {device.Source}");
            return 0;
        });
        return command;
    }

    public static Command Simulate()
    {
        var defaults = RunOptions.Defaults;
        var space = new Option<string>("--space") { Description = "the search space (see 'spaces')", DefaultValueFactory = _ => defaults.Space };
        var architecture = new Option<string?>("--architecture") { Description = "architecture JSON (or a file holding it); default: the space's largest" };
        var device = new Option<string>("--device") { Description = "a device (see 'devices')", DefaultValueFactory = _ => Calibration.ThisMachine };
        var deviceFile = new Option<string?>("--device-file") { Description = "a device profile of your own (JSON: Name, PeakGflops, BandwidthGBs, KernelOverheadUs, Cores, Source)" };
        var batch = new Option<int>("--batch") { Description = "sequences per forward pass", DefaultValueFactory = _ => defaults.Latency.Batch };
        var length = new Option<int>("--length") { Description = "tokens per sequence", DefaultValueFactory = _ => defaults.Data.MaxLength };
        var trace = new Option<string>("--trace") { Description = "where to write the Chrome trace JSON (open it in Perfetto)", DefaultValueFactory = _ => "simulation-trace.json" };
        var measuredTrace = new Option<string?>("--measured-trace") { Description = "also measure the forward pass part by part on this machine and write that timeline here, the same way" };
        var command = new Command("simulate", "an architecture's forward pass on a device by the roofline model: the time per part and in all, and a Chrome trace")
            { space, architecture, device, deviceFile, batch, length, trace, measuredTrace };
        command.SetAction(result => Run(result.GetValue(space)!, result.GetValue(architecture), result.GetValue(device)!, result.GetValue(deviceFile),
            result.GetValue(batch), result.GetValue(length), result.GetValue(trace)!, result.GetValue(measuredTrace)));
        return command;
    }

    private static int Run(string spaceName, string? architecture, string deviceName, string? deviceFile, int batch, int length, string trace, string? measuredTrace)
    {
        if (batch < 1) throw new RunInputException($"--batch must be positive, got {batch}");
        if (length < 1) throw new RunInputException($"--length must be positive, got {length}");
        var space = SpaceCatalog.Get(spaceName);
        var engine = space.Engine;
        var values = architecture is null
            ? engine.ToValues(engine.Extreme(largest: true))
            : File.Exists(architecture)
                ? ArchitectureJson.Read(space.Name, engine, File.ReadAllText(architecture), architecture)
                : ArchitectureJson.Read(space.Name, engine, architecture);
        var plan = SubnetPlan.From(engine, values);
        var events = new ConsoleRunEvents();
        var meter = (RunOptions.Defaults.Latency with { Batch = batch }).Meter(length);
        var profile = deviceFile is not null
            ? DeviceProfile.Load(deviceFile)
            : DeviceCatalog.Get(deviceName, () => LatencyTableCache.Get(space, meter, events));
        var simulation = Roofline.Simulate(plan, length, batch, profile);
        string Ms(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
        events.Table(new ResultTable($"{ArchitectureJson.Write(space.Name, engine, values)} on {profile} (batch {batch}, {length} tokens)",
            ["part", "kernels", "simulated (ms)", "share"],
            simulation.Parts.Select(p => (IReadOnlyList<string>)[p.Part.ToString(), simulation.Kernels.Count(k => k.Part == p.Part).ToString(CultureInfo.InvariantCulture),
                Ms(p.Ms), (p.Ms / simulation.TotalMs).ToString("P1", CultureInfo.InvariantCulture)]).ToList()));
        File.WriteAllText(trace, ChromeTrace.Write(simulation));
        Console.WriteLine($"simulated total: {Ms(simulation.TotalMs)} ms ({profile.Source})");
        Console.WriteLine($"trace: {Path.GetFullPath(trace)}");
        if (measuredTrace is null) return 0;
        var timeline = MeasuredTimeline.Of(plan, meter);
        File.WriteAllText(measuredTrace, ChromeTrace.Write(timeline, meter.Settings));
        Console.WriteLine($"measured part by part: {Ms(timeline.Sum(p => p.DurationUs) / 1000)} ms ({meter.Settings}); trace: {Path.GetFullPath(measuredTrace)}");
        return 0;
    }
}
