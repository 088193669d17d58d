using System.Globalization;
using System.Text.Json;
using DslNas.Bench.Runtime;
using DslNas.Distributed;
using DslNas.Runs;

namespace DslNas.Bench.Distributed;

/// <summary>
/// Data-parallel supernet training of the default run (fast-transformer, run defaults: batch 16, 64 tokens, vocabulary
/// 4000, 10 classes) on this machine: one process with all cores' threads against one rank per core with one thread
/// each (--nproc), on the same global batches and subnets; the gradient all-reduce's share of a step; all-reduce times
/// over sizes, fitted to the alpha-beta model of a ring all-reduce; and from these a projection to 8 and 64 ranks.
/// Every configuration runs as fresh child processes started as --nproc starts ranks (<see cref="LocalLauncher"/>).
/// </summary>
public static class DistributedBenchmark
{
    public static int Run(string[] args)
    {
        if (RankEnvironment.FromEnvironment() is { } environment) return TrainingRank.Run(environment, Options.Parse(args));
        var options = Options.Parse(args);
        var steps = options.Int("steps", 12);
        var warmup = options.Int("warmup", 2);
        var cores = options.Int("cores", Environment.ProcessorCount);
        var rounds = options.Int("rounds", 2);
        var output = Directory.CreateTempSubdirectory("dslnas-bench-distributed").FullName;
        Console.WriteLine($"distributed benchmark: default supernet, global batch {RunOptions.Defaults.Data.BatchSize} x {RunOptions.Defaults.Data.MaxLength} tokens, " +
                          $"{warmup} warm-up + {steps} timed steps per configuration and round, {rounds} rounds alternating the configurations, {cores} cores");

        var configurations = new[] { (Ranks: 1, Threads: cores), (Ranks: cores, Threads: 1) };
        var measured = new List<RankReport>();
        for (var round = 0; round < rounds; round++)
        foreach (var (ranks, threads) in configurations)
        {
            var file = Path.Combine(output, $"{ranks}x{threads}-{round}.json");
            Environment.SetEnvironmentVariable(LocalLauncher.ThreadsVariable, threads.ToString(CultureInfo.InvariantCulture));
            var code = LocalLauncher.Run(["distributed", "--steps", $"{steps}", "--warmup", $"{warmup}", "--out", file], ranks, TimeSpan.FromSeconds(120), new QuietRunEvents());
            if (code != 0) throw new InvalidOperationException($"the {ranks}-rank configuration failed with exit code {code}");
            var report = JsonSerializer.Deserialize<RankReport>(File.ReadAllText(file), RankReport.Json)!;
            measured.Add(report);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round + 1}: {ranks} rank(s) x {threads} thread(s): {report.StepMs:F0} ms per step"));
        }
        // Per configuration: the median of its rounds' medians, its all-reduce sizes from the last round.
        var results = measured.GroupBy(r => (r.Ranks, r.Threads)).Select(g => g.Last() with
        {
            StepMs = Median.Of(g.Select(r => r.StepMs).ToList()),
            AllReduceMsPerStep = Median.Of(g.Select(r => r.AllReduceMsPerStep).ToList()),
        }).ToList();
        Report(results, RunOptions.Defaults.Data.BatchSize);
        return 0;
    }

    private static void Report(List<RankReport> results, int batch)
    {
        Console.WriteLine();
        Console.WriteLine("| configuration | step (ms, median) | examples/s | gradient all-reduce (ms/step) | all-reduce share |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var r in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Ranks} rank(s) x {r.Threads} thread(s) | {r.StepMs:F0} | {batch / (r.StepMs / 1000):F1} | {r.AllReduceMsPerStep:F1} | {r.AllReduceMsPerStep / r.StepMs:P1} |"));

        var parallel = results.First(r => r.Ranks > 1);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gradients: {parallel.GradientBytes / 1e6:F2} MB in {parallel.Buckets} bucket(s) per step"));
        Console.WriteLine("| all-reduce of | 2 ranks, loopback (ms, median) |");
        Console.WriteLine("|---:|---:|");
        foreach (var (bytes, ms) in parallel.AllReduceBySize) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {bytes / 1024.0:N0} KiB | {ms:F3} |"));

        // Ring all-reduce of S bytes over N ranks: 2(N-1) steps, each alpha + S/(N beta): t = 2(N-1) alpha + 2 (N-1)/N S / beta.
        // With two ranks t = 2 alpha + S / beta: a least-squares line through the measured sizes gives alpha and beta.
        var xs = parallel.AllReduceBySize.Select(p => (double)p.Bytes).ToArray();
        var ys = parallel.AllReduceBySize.Select(p => p.Ms / 1000).ToArray();
        var (intercept, slope) = LeastSquares(xs, ys);
        var alpha = Math.Max(intercept / 2, 0);
        var beta = 1 / slope;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fitted ring model on loopback: alpha {alpha * 1e6:F1} us per message, beta {beta / 1e9:F2} GB/s"));

        // Projection: each rank keeps the measured per-rank shard and one thread's compute time for it (weak scaling); a
        // step costs that compute plus a ring all-reduce of the gradients per bucket, not overlapped with compute.
        var compute = (parallel.StepMs - parallel.AllReduceMsPerStep) / 1000;
        var shard = (double)batch / parallel.Ranks;
        Console.WriteLine("| ranks | compute (ms) | all-reduce (ms) | step (ms) | examples/s | efficiency |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var n in new[] { parallel.Ranks, 8, 64 })
        {
            var ring = parallel.Buckets * 2 * (n - 1) * alpha + 2.0 * (n - 1) / n * parallel.GradientBytes / beta;
            var step = compute + ring;
            var throughput = n * shard / step;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {compute * 1000:F0} | {ring * 1000:F1} | {step * 1000:F0} | {throughput:F1} | {compute / step:P1} |"));
        }
    }

    private static (double Intercept, double Slope) LeastSquares(double[] xs, double[] ys)
    {
        var (mx, my) = (xs.Average(), ys.Average());
        var slope = xs.Zip(ys, (x, y) => (x - mx) * (y - my)).Sum() / xs.Sum(x => (x - mx) * (x - mx));
        return (my - slope * mx, slope);
    }
}

/// <summary>What rank 0 of a configuration measured.</summary>
public sealed record RankReport(int Ranks, int Threads, double StepMs, double AllReduceMsPerStep, long GradientBytes, int Buckets, List<(long Bytes, double Ms)> AllReduceBySize)
{
    public static JsonSerializerOptions Json { get; } = new() { IncludeFields = true };
}
