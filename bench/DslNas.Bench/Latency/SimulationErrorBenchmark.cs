using DslNas.Hardware;
using DslNas.Hardware.Simulation;
using DslNas.Nn;
using DslNas.Runs;

namespace DslNas.Bench.Latency;

/// <summary>
/// The roofline model's error on this machine: the profile calibrated on the space's lookup table (from the cache, or
/// built now) simulates random architectures that are then measured whole.
/// </summary>
public static class SimulationErrorBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var space = LatencyFigures.Space(options);
        var count = options.Int("architectures", 50);
        var meter = LatencyFigures.Meter(options);
        Console.WriteLine($"simulation error: '{space.Name}', {count} random architectures, {meter.Settings}; load average {LatencyFigures.Load()}");
        var table = LatencyTableCache.Get(space, meter, new QuietRunEvents(Console.WriteLine));
        var device = Calibration.Calibrate(table);
        Console.WriteLine($"{device}\n    {device.Source}");
        var random = new Random(options.Int("seed", 2000));
        var plans = Enumerable.Range(0, count).Select(_ => space.Engine.Plan(space.Engine.Sample(random))).ToList();
        var measured = LatencyTableBuilder.MeasureWhole(plans, meter);
        var simulated = plans.Select(p => Roofline.Simulate(p, meter.SequenceLength, meter.Batch, device).TotalMs).ToList();
        Console.WriteLine("simulated against measured: " + LatencyFigures.Errors(simulated.Zip(measured, (s, m) => (s - m) / m).ToList(), 0.10));
        Console.WriteLine($"load average at the end {LatencyFigures.Load()}");
        return 0;
    }
}
