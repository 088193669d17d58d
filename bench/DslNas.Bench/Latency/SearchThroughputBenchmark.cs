using System.Diagnostics;
using System.Globalization;
using DslNas.Data.Batching;
using DslNas.Hardware;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Search;
using DslNas.Torch;

namespace DslNas.Bench.Latency;

/// <summary>
/// Search throughput by latency source: the same random architectures evaluated as the search evaluates them
/// (accuracy on a search split with the supernet's shared weights, then latency), once with every candidate measured
/// and once with the lookup table, each with float32 and with bfloat16 matrix products in the scoring (latency is
/// always measured in float32); then, as the search does, with architectures over a latency budget
/// (<c>--latency-fraction</c> of the largest architecture's measured latency, 0.6 as in the default run) costed but not
/// scored. The supernet has random weights and the split random tokens (the default run's shapes: 64 tokens, 10
/// classes), which changes no cost; the table is built first if it is not cached.
/// </summary>
public static class SearchThroughputBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var space = LatencyFigures.Space(options);
        var count = options.Int("architectures", 20);
        var examples = options.Int("examples", 200);
        var length = options.Int("length", 64);
        var meter = LatencyFigures.Meter(options);
        Console.WriteLine($"search throughput: '{space.Name}', {count} random architectures, a search split of {examples} examples of {length} tokens; load average {LatencyFigures.Load()}");
        var table = LatencyTableCache.Get(space, meter, new QuietRunEvents(Console.WriteLine));
        torch.manual_seed(1);
        using var supernet = new DslNas.Nn.Supernet(space.Engine, new SupernetOptions(4000, length, Classes: 10));
        supernet.eval();
        var data = new Random(2);
        var split = Enumerable.Range(0, examples).Select(_ => new EncodedExample(Enumerable.Range(0, length).Select(_ => data.Next(4000)).ToArray(), data.Next(10))).ToList();
        var random = new Random(options.Int("seed", 3));
        var architectures = Enumerable.Range(0, count).Select(_ => space.Engine.Sample(random)).ToList();
        double budget;
        using (var largest = supernet.Extract(space.Engine.Plan(space.Engine.Extreme(largest: true))))
        {
            largest.eval();
            budget = LatencyBudget.OfLargest(largest, meter, options.Double("latency-fraction", 0.6));
        }
        var budgets = new SearchOptions(MaxLatencyMs: budget);
        var over = architectures.Count(g => table.Estimate(space.Engine.Plan(g)) > budget);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency budget {budget:F2} ms (the largest architecture's measured latency times --latency-fraction); by the table {over} of the {count} architectures are over it"));
        Console.WriteLine($"bfloat16 products: {BFloat16Support.NativeInstructions ?? "emulated (no native bfloat16 on this CPU)"}");
        Console.WriteLine("| latency source | scoring's matrix products | seconds | architectures per second | over measured, float32 |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        double? baseline = null;
        var runs = from within in new[] { false, true }
                   from precision in within ? [MatmulPrecision.BFloat16] : new[] { MatmulPrecision.Float32, MatmulPrecision.BFloat16 }
                   from source in new LatencySource[] { new LatencySource.Meter(meter), new LatencySource.Lookup(table) }
                   select (within, precision, source);
        foreach (var (within, precision, source) in runs)
        {
            using var products = torch.matmul_precision(precision);
            var evaluator = new SupernetEvaluator(supernet, split, new Batcher(64, 0), source, length, within ? budgets : null);
            var clock = Stopwatch.StartNew();
            var scored = architectures.Count(genes => evaluator.Evaluate(genes).Scored);
            var rate = count / clock.Elapsed.TotalSeconds;
            baseline ??= rate;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {source.Description}{(within ? $", only the {scored} within the budget scored" : "")} | {precision} | {clock.Elapsed.TotalSeconds:F1} | {rate:F2} | {rate / baseline:F2}x |"));
        }
        Console.WriteLine($"load average at the end {LatencyFigures.Load()}");
        return 0;
    }
}
