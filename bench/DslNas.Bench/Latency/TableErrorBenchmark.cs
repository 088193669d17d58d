using DslNas.Hardware;
using DslNas.Nn;
using DslNas.Runs;

namespace DslNas.Bench.Latency;

/// <summary>
/// The lookup table's error: the space's table (from the cache, or built now) against random architectures it was not
/// fitted on (another seed than the constant's), measured whole as extracted dense models with random weights.
/// </summary>
public static class TableErrorBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var space = LatencyFigures.Space(options);
        var count = options.Int("architectures", 50);
        var meter = LatencyFigures.Meter(options);
        Console.WriteLine($"lookup-table error: '{space.Name}', {count} held-out random architectures, {meter.Settings}; load average {LatencyFigures.Load()}");
        var table = LatencyTableCache.Get(space, meter, new QuietRunEvents(Console.WriteLine));
        var random = new Random(options.Int("seed", 1000));
        var plans = Enumerable.Range(0, count).Select(_ => space.Engine.Plan(space.Engine.Sample(random))).ToList();
        var measured = LatencyTableBuilder.MeasureWhole(plans, meter);
        var estimated = plans.Select(table.Estimate).ToList();
        Console.WriteLine("| table (ms) | measured (ms) | error |");
        Console.WriteLine("|---:|---:|---:|");
        for (var i = 0; i < count; i++) Console.WriteLine($"| {estimated[i]:F3} | {measured[i]:F3} | {(estimated[i] - measured[i]) / measured[i]:+0.0%;-0.0%} |");
        Console.WriteLine("table against measured: " + LatencyFigures.Errors(estimated.Zip(measured, (e, m) => (e - m) / m).ToList(), 0.10));
        Console.WriteLine($"load average at the end {LatencyFigures.Load()}");
        return 0;
    }
}
