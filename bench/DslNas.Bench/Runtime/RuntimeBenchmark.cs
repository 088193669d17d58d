using System.Globalization;
using DslNas.Torch;

namespace DslNas.Bench.Runtime;

/// <summary>
/// The same BERT-style encoder in DslNas.Torch and in PyTorch (python3-torch on the same libtorch), run one after
/// the other in rounds: training step (AdamW, clipping) and batch-1 inference, medians and C#/PyTorch ratios.
/// PyTorch runs twice: in its default environment, and with OPENBLAS_CORETYPE set to the GEMM kernel DslNas.Torch
/// selects, so that the second ratio compares the bindings on identical kernels.
/// </summary>
public static class RuntimeBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var threads = options.Int("threads", Environment.ProcessorCount);
        var rounds = options.Int("rounds", 3);
        var warmup = options.Int("warmup", 5);
        var repeats = options.Int("repeats", 20);
        var python = options.Text("python", "/usr/bin/python3");
        torch.set_num_threads(threads);
        var core = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is { Length: > 0 } own ? own : Torch.Native.BlasKernelSelection.Choose();
        Console.WriteLine($"runtime benchmark: {threads} threads, {rounds} rounds x {repeats} repetitions after {warmup} warm-up; OpenBLAS kernel {core ?? "(OpenBLAS's own choice)"}");

        var rows = new List<string>();
        foreach (var shape in new[] { EncoderShape.Bert, EncoderShape.Tiny })
        {
            var samples = new Dictionary<string, List<double>>();
            void Add(string key, List<double> values)
            {
                if (!samples.TryGetValue(key, out var list)) samples[key] = list = [];
                list.AddRange(values);
            }

            for (var round = 0; round < rounds; round++)
            {
                var cs = CSharpEncoderRun.Measure(shape, warmup, repeats);
                var pyDefault = PyTorchPeerRun.Measure(shape, threads, warmup, repeats, python, blasCore: null);
                var pyMatched = PyTorchPeerRun.Measure(shape, threads, warmup, repeats, python, core);
                Add("cs-train", cs.Train);
                Add("cs-infer", cs.Infer);
                Add("py-train", pyDefault.Train);
                Add("py-infer", pyDefault.Infer);
                Add("pym-train", pyMatched.Train);
                Add("pym-infer", pyMatched.Infer);
                Console.WriteLine($"  {shape.Name}: round {round + 1}/{rounds} done");
            }
            foreach (var (measure, key) in new[] { ("training step", "train"), ("batch-1 inference", "infer") })
                rows.Add(Row(shape.Name, measure, Median.Of(samples[$"cs-{key}"]), Median.Of(samples[$"py-{key}"]), Median.Of(samples[$"pym-{key}"])));
        }

        Console.WriteLine();
        Console.WriteLine("| shape | measure | C# (ms) | PyTorch default (ms) | PyTorch same BLAS kernel (ms) | C#/PyTorch default | C#/PyTorch same kernel |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows) Console.WriteLine(row);
        return 0;
    }

    private static string Row(string shape, string measure, double cs, double py, double matched) =>
        string.Create(CultureInfo.InvariantCulture, $"| {shape} | {measure} | {cs:F3} | {py:F3} | {matched:F3} | {cs / py:F2} | {cs / matched:F2} |");
}
