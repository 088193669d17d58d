using DslNas.Hardware;
using DslNas.Runs;

namespace DslNas.Bench.Latency;

/// <summary>
/// The latency predictor's error: fitted afresh on measured random architectures of a space (the table from the cache,
/// or built now), its error on the held-out quarter it was not fitted on.
/// </summary>
public static class PredictorErrorBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var space = LatencyFigures.Space(options);
        var count = options.Int("architectures", 80);
        var meter = new LatencyMeter(options.Int("length", 64), options.Int("batch", 1));
        Console.WriteLine($"latency predictor error: '{space.Name}', {count} measured random architectures (a quarter held out), {meter.Settings}; load average {LatencyFigures.Load()}");
        var events = new QuietRunEvents(Console.WriteLine);
        var table = LatencyTableCache.Get(space, meter, events);
        var predictor = LatencyPredictor.Fit(space, table, meter, events, count, options.Int("seed", 1));
        Console.WriteLine($"predictor fitted on {predictor.Fitted}; {predictor.HeldOut}");
        Console.WriteLine($"load average at the end {LatencyFigures.Load()}");
        return 0;
    }
}
