using System.Diagnostics;
using System.Text.Json;
using DslNas.Bench.Runtime;
using DslNas.Data.Batching;
using DslNas.Distributed;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Spaces;
using DslNas.Torch;
using DslNas.Training;

namespace DslNas.Bench.Distributed;

/// <summary>
/// One rank of a benchmark configuration: trains the default supernet data-parallel on random token sequences of the
/// run's length, times each step and its gradient all-reduce, then times all-reduce alone over several sizes.
/// Rank 0 writes the figures.
/// </summary>
internal static class TrainingRank
{
    public static int Run(RankEnvironment environment, Options options)
    {
        var steps = options.Int("steps", 12);
        var warmup = options.Int("warmup", 2);
        var output = options.Text("out", "distributed.json");
        var defaults = RunOptions.Defaults;
        using var world = DistributedWorld.Join(environment, TimeSpan.FromSeconds(60));
        var random = new Random(5);
        var examples = Enumerable.Range(0, defaults.Data.BatchSize * (steps + warmup)).Select(_ =>
            new EncodedExample(Enumerable.Range(0, defaults.Data.MaxLength).Select(_ => random.Next(5, defaults.Data.Vocabulary)).ToArray(), random.Next(10))).ToList();
        torch.manual_seed(defaults.Seed);
        using var supernet = new FastTransformer.Supernet(new SupernetOptions(defaults.Data.Vocabulary, defaults.Data.MaxLength, 10, 0.1, defaults.LayerNorm));
        var parallel = new DataParallel(world);
        using var trainer = new SupernetTrainer(supernet, examples, new Batcher(defaults.Data.BatchSize, 0), defaults.Training with { Steps = steps + warmup }, parallel);
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        var communication = TimeSpan.Zero;
        var collectives = 0;
        trainer.Train(progress: (step, _) =>
        {
            if (step == warmup)
            {
                communication = parallel.CommunicationTime;
                collectives = parallel.Collectives;
            }
            if (step > warmup) times.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
        });
        var gradientBytes = supernet.parameters().Sum(p => p.numel() * 4);
        var allReduceMs = (parallel.CommunicationTime - communication).TotalMilliseconds / steps;
        var buckets = steps == 0 ? 0 : (parallel.Collectives - collectives) / steps;
        List<(long Bytes, double Ms)> bySize = world.Size > 1 ? AllReduceTimes(world, [4 << 10, 256 << 10, 4 << 20, gradientBytes]) : [];
        if (world.IsLeader)
            File.WriteAllText(output, JsonSerializer.Serialize(new RankReport(world.Size, torch.get_num_threads(), Median.Of(times), allReduceMs, gradientBytes, buckets, bySize), RankReport.Json));
        return 0;
    }

    private static List<(long Bytes, double Ms)> AllReduceTimes(DistributedWorld world, long[] sizes)
    {
        var parallel = new DataParallel(world, bucketBytes: long.MaxValue);
        var result = new List<(long, double)>();
        foreach (var bytes in sizes)
        {
            using var parameter = new Parameter(torch.zeros([bytes / 4]));
            using (var scope = torch.NewDisposeScope()) parameter.sum().backward();
            var samples = new List<double>();
            for (var i = 0; i < 12; i++)
            {
                var before = parallel.CommunicationTime;
                parallel.AverageGradients([parameter]);
                if (i >= 2) samples.Add((parallel.CommunicationTime - before).TotalMilliseconds);
            }
            result.Add((bytes, Median.Of(samples)));
        }
        return result;
    }
}
