using DslNas.Hardware;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Torch;

namespace DslNas.Bench.Latency;

/// <summary>
/// The meter's repeatability: random architectures of a space (extracted dense models, random weights) measured once
/// each, then all of them a second time in the same process, as a search and the choice after it would; the relative
/// difference of the two figures per architecture. Two meters side by side, each measuring every architecture in turn
/// so that the machine's drift falls on both alike: the runs' meter, corrected by its reference
/// (<see cref="LatencyReference"/>), and the same meter without the reference.
/// </summary>
public static class RepeatabilityBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var space = LatencyFigures.Space(options);
        var count = options.Int("architectures", 20);
        var latency = RunOptions.Defaults.Latency with { Batch = options.Int("batch", 1) };
        var length = options.Int("length", 64);
        (string Name, LatencyMeter Meter)[] meters = [("corrected", (latency with { Reference = true }).Meter(length)), ("plain", (latency with { Reference = false }).Meter(length))];
        var random = new Random(options.Int("seed", 1));
        var plans = Enumerable.Range(0, count).Select(_ => space.Engine.Plan(space.Engine.Sample(random))).ToList();
        Console.WriteLine($"latency repeatability: {count} random '{space.Name}' architectures measured twice; corrected: {meters[0].Meter.Settings}; plain: {meters[1].Meter.Settings}; load average {LatencyFigures.Load()}");
        var models = plans.Select(p => ExtractedSubnet.Create(p, new SupernetOptions(4000, length))).ToList();
        try
        {
            foreach (var model in models) model.eval();
            var first = models.Select(model => meters.Select(m => m.Meter.Measure(model)).ToList()).ToList();
            var second = models.Select(model => meters.Select(m => m.Meter.Measure(model)).ToList()).ToList();
            Console.WriteLine("| " + string.Join(" | ", meters.Select(m => $"{m.Name}: first (ms) | second (ms) | difference")) + " |");
            Console.WriteLine("|" + string.Concat(Enumerable.Repeat("---:|---:|---:|", meters.Length)));
            for (var i = 0; i < count; i++)
                Console.WriteLine("| " + string.Join(" | ", meters.Select((_, m) => $"{first[i][m]:F3} | {second[i][m]:F3} | {(second[i][m] - first[i][m]) / first[i][m]:+0.0%;-0.0%}")) + " |");
            for (var m = 0; m < meters.Length; m++)
                Console.WriteLine($"{meters[m].Name}: difference of the second measurement from the first: " +
                                  LatencyFigures.Errors(first.Zip(second, (a, b) => (b[m] - a[m]) / a[m]).ToList(), 0.05));
            Console.WriteLine($"load average at the end {LatencyFigures.Load()}; threads {torch.get_num_threads()}");
        }
        finally
        {
            foreach (var model in models) model.Dispose();
        }
        return 0;
    }
}
