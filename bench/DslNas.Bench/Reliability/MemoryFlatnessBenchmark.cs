using System.Diagnostics;
using System.Globalization;
using DslNas.Bench.Latency;
using DslNas.Data.Batching;
using DslNas.Hardware;
using DslNas.Nn;
using DslNas.Search;
using DslNas.Torch;
using DslNas.Training;

namespace DslNas.Bench.Reliability;

/// <summary>
/// Resident memory and live native tensors over long work, each phase after its own warm-up: supernet training steps
/// (sandwich rule, in-place distillation, AdamW), then search evaluations of distinct random architectures (accuracy
/// with shared weights on a search split, latency measured on the extracted subnet, as the default search does). The
/// process's resident set is sampled along the way; a phase is flat when every sample stays within 5% of the one taken
/// after its warm-up, and the live tensor count must end where the warm-up left it.
/// </summary>
public static class MemoryFlatnessBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var space = LatencyFigures.Space(options);
        var (warmup, steps, evaluations, every) = (options.Int("warmup", 100), options.Int("steps", 1000), options.Int("evaluations", 1000), options.Int("every", 50));
        var (length, batch) = (options.Int("length", 16), options.Int("batch", 8));
        Console.WriteLine($"memory flatness: '{space.Name}', {length} tokens, batch {batch}; after {warmup} warm-up steps {steps} training steps, after {warmup} warm-up evaluations " +
                          $"{evaluations} search evaluations (latency measured: batch 1, 1 warm-up, 3 repetitions); torch threads {torch.get_num_threads()}; load average {LatencyFigures.Load()}");
        var random = new Random(1);
        List<EncodedExample> Examples(int count) => Enumerable.Range(0, count)
            .Select(_ => new EncodedExample(Enumerable.Range(0, length).Select(_ => random.Next(5, 1000)).ToArray(), random.Next(2))).ToList();
        torch.manual_seed(1);
        using var supernet = new DslNas.Nn.Supernet(space.Engine, new SupernetOptions(1000, length, Classes: 2));
        using var trainer = new SupernetTrainer(supernet, Examples(256), new Batcher(batch, 0), new SupernetTrainingOptions(Steps: warmup + steps, LearningRate: 1e-4, Seed: 1));
        var evaluator = new SupernetEvaluator(supernet, Examples(32), new Batcher(32, 0), new LatencySource.Meter(new LatencyMeter(length, 1, 1, 3)), length);
        Console.WriteLine("| phase | done | resident MB | change from its warm-up | live tensors |");
        Console.WriteLine("|---|---:|---:|---:|---:|");

        var clock = Stopwatch.StartNew();
        trainer.Train(untilStep: warmup);
        var training = Phase("training", steps, every, done => trainer.Train(untilStep: warmup + done));
        var trainingSeconds = clock.Elapsed.TotalSeconds;
        supernet.eval();
        for (var i = 0; i < warmup; i++) evaluator.Evaluate(space.Engine.Sample(random));
        var search = Phase("search", evaluations, every, done =>
        {
            for (var i = 0; i < every; i++) evaluator.Evaluate(space.Engine.Sample(random));
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"training: {training.Last:+0.0%;-0.0%;0.0%} at the end, {training.Largest:+0.0%;-0.0%;0.0%} at most; live tensors {training.LiveBefore} -> {training.LiveAfter} ({trainingSeconds:F0} s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search: {search.Last:+0.0%;-0.0%;0.0%} at the end, {search.Largest:+0.0%;-0.0%;0.0%} at most; live tensors {search.LiveBefore} -> {search.LiveAfter} ({clock.Elapsed.TotalSeconds - trainingSeconds:F0} s)"));
        var flat = training.Flat && search.Flat;
        Console.WriteLine($"resident memory {(flat ? "flat" : "NOT flat")} within 5%; load average {LatencyFigures.Load()}");
        return flat && training.LiveAfter == training.LiveBefore && search.LiveAfter == search.LiveBefore ? 0 : 1;
    }

    private sealed record PhaseFigures(double Last, double Largest, long LiveBefore, long LiveAfter)
    {
        public bool Flat => Math.Abs(Last) <= 0.05 && Math.Abs(Largest) <= 0.05;
    }

    /// <summary>Runs <paramref name="total"/> units of work in chunks of <paramref name="every"/> (work is given the units done after the chunk), sampling after each.</summary>
    private static PhaseFigures Phase(string name, int total, int every, Action<int> work)
    {
        var baseline = Resident();
        var liveBefore = Tensor.LiveCount;
        Print($"{name} (warm)", 0, baseline, baseline);
        var changes = new List<double>();
        for (var done = every; done <= total; done += every)
        {
            work(done);
            var bytes = Resident();
            changes.Add(Change(bytes, baseline));
            Print(name, done, bytes, baseline);
        }
        return new PhaseFigures(changes[^1], changes.MaxBy(Math.Abs), liveBefore, Tensor.LiveCount);
    }

    private static void Print(string phase, int done, long bytes, long baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {phase} | {done} | {bytes / 1048576.0:F1} | {Change(bytes, baseline):+0.0%;-0.0%;0.0%} | {Tensor.LiveCount} |"));

    private static double Change(long bytes, long baseline) => (double)(bytes - baseline) / baseline;

    private static long Resident()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
