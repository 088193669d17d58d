using System.Diagnostics;
using System.Globalization;
using DslNas.Bench.Runtime;
using DslNas.Spaces;

namespace DslNas.Bench.Dsl;

/// <summary>Architectures sampled per second (typed records, uniform over valid architectures), one thread. Target for Bort: at least 1e6/s.</summary>
public static class SamplingBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var rounds = options.Int("rounds", 5);
        var count = options.Int("samples", 1_000_000);
        Console.WriteLine($"sampling benchmark: {count:N0} samples per round, median of {rounds} rounds, one thread");
        Console.WriteLine("| space | samples/s | mutations/s |");
        Console.WriteLine("|---|---:|---:|");
        Measure("bort", count, rounds, r => Bort.Space.Sample(r), (x, r) => Bort.Space.Mutate(x, 0.2, r));
        Measure("fast-transformer", count / 10, rounds, r => FastTransformer.Space.Sample(r), (x, r) => FastTransformer.Space.Mutate(x, 0.2, r));
        Measure("length-adaptive", count / 10, rounds, r => LengthAdaptive.Space.Sample(r), (x, r) => LengthAdaptive.Space.Mutate(x, 0.2, r));
        Measure("nas-bert", count / 10, rounds, r => NasBert.Space.Sample(r), (x, r) => NasBert.Space.Mutate(x, 0.2, r));
        return 0;
    }

    private static void Measure<T>(string name, int count, int rounds, Func<Random, T> sample, Func<T, Random, T> mutate)
    {
        var random = new Random(1);
        var first = sample(random);
        for (var i = 0; i < Math.Min(count, 10_000); i++) mutate(sample(random), random);
        var sampleRates = new List<double>();
        var mutateRates = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++) sample(random);
            sampleRates.Add(count / clock.Elapsed.TotalSeconds);
            var mutations = Math.Max(1, count / 10);
            clock.Restart();
            var x = first;
            for (var i = 0; i < mutations; i++) x = mutate(x, random);
            mutateRates.Add(mutations / clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median.Of(sampleRates):N0} | {Median.Of(mutateRates):N0} |"));
    }
}
