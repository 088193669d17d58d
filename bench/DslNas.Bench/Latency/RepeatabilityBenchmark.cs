using DslNas.Hardware;
using DslNas.Nn;
using DslNas.Torch;

namespace DslNas.Bench.Latency;

/// <summary>
/// The meter's repeatability: random architectures of a space (extracted dense models, random weights) measured once
/// each, then all of them a second time in the same process, as a search and the choice after it would; the relative
/// difference of the two medians per architecture.
/// </summary>
public static class RepeatabilityBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var space = LatencyFigures.Space(options);
        var count = options.Int("architectures", 20);
        var meter = new LatencyMeter(options.Int("length", 64), options.Int("batch", 1));
        var random = new Random(options.Int("seed", 1));
        var plans = Enumerable.Range(0, count).Select(_ => space.Engine.Plan(space.Engine.Sample(random))).ToList();
        Console.WriteLine($"latency repeatability: {count} random '{space.Name}' architectures measured twice, {meter.Settings}; load average {LatencyFigures.Load()}");
        var models = plans.Select(p => ExtractedSubnet.Create(p, new SupernetOptions(4000, meter.SequenceLength))).ToList();
        try
        {
            foreach (var model in models) model.eval();
            var first = models.Select(meter.Measure).ToList();
            var second = models.Select(meter.Measure).ToList();
            Console.WriteLine("| first (ms) | second (ms) | difference |");
            Console.WriteLine("|---:|---:|---:|");
            for (var i = 0; i < count; i++) Console.WriteLine($"| {first[i]:F3} | {second[i]:F3} | {(second[i] - first[i]) / first[i]:+0.0%;-0.0%} |");
            Console.WriteLine("difference of the second measurement from the first: " + LatencyFigures.Errors(first.Zip(second, (a, b) => (b - a) / a).ToList(), 0.05));
            Console.WriteLine($"load average at the end {LatencyFigures.Load()}; threads {torch.get_num_threads()}");
        }
        finally
        {
            foreach (var model in models) model.Dispose();
        }
        return 0;
    }
}
