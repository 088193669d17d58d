using System.Globalization;
using DslNas.Bench.Runtime;
using DslNas.Torch;

namespace DslNas.Bench.Pretraining;

/// <summary>
/// MLM pre-training throughput of a dense L=4, H=256 encoder (4 heads, FFN 1024, sequences of 128, batch 16):
/// DslNas's MlmPretrainer against the same steps in PyTorch (peers/mlm_pytorch.py, python3-torch on the same
/// libtorch), one after the other in rounds; medians of the step times, in tokens per second. As in the runtime
/// benchmark, PyTorch runs in its default environment and with OPENBLAS_CORETYPE set to the kernel DslNas.Torch
/// selects; each side reports the OpenBLAS kernel it actually ran. DslNas also runs with bfloat16 matrix products
/// (<see cref="MatmulPrecision.BFloat16"/>, the runs' default on CPUs that multiply bfloat16 natively) in the same rounds.
/// </summary>
public static class PretrainingBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var threads = options.Int("threads", Environment.ProcessorCount);
        var rounds = options.Int("rounds", 3);
        var warmup = options.Int("warmup", 3);
        var repeats = options.Int("repeats", 10);
        var python = options.Text("python", "/usr/bin/python3");
        var shape = EncoderShape.Bert;
        // libtorch starts with the thread count DSLNAS_THREADS names (read when it loads, on the first call below);
        // lowering it only later leaves a worker of the larger team spinning beside the one that computes.
        Environment.SetEnvironmentVariable("DSLNAS_THREADS", threads.ToString(CultureInfo.InvariantCulture));
        torch.set_num_threads(threads);
        var requested = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is { Length: > 0 } own ? own : Torch.Native.BlasKernelSelection.Choose();
        var tokens = shape.Batch * shape.Seq;
        Console.WriteLine($"pretraining benchmark: {shape.Name}, MLM steps of {tokens} tokens; {threads} threads, {rounds} rounds x {repeats} steps after {warmup} warm-up");

        var cs = new List<double>();
        var csBf16 = new List<double>();
        var pyDefault = new List<double>();
        var pyMatched = new List<double>();
        string? pyDefaultCore = null, pyMatchedCore = null;
        for (var round = 0; round < rounds; round++)
        {
            cs.AddRange(CSharpMlmRun.Measure(shape, warmup, repeats));
            csBf16.AddRange(CSharpMlmRun.Measure(shape, warmup, repeats, MatmulPrecision.BFloat16));
            var arguments = shape.PeerArguments(threads, warmup, repeats);
            var peerDefault = PyTorchPeerRun.Run("mlm_pytorch.py", arguments, python, blasCore: null);
            var peerMatched = PyTorchPeerRun.Run("mlm_pytorch.py", arguments, python, requested);
            pyDefault.AddRange(PyTorchPeerRun.Numbers(peerDefault, "train_ms"));
            pyMatched.AddRange(PyTorchPeerRun.Numbers(peerMatched, "train_ms"));
            pyDefaultCore = peerDefault.GetProperty("blas_core").GetString();
            pyMatchedCore = peerMatched.GetProperty("blas_core").GetString();
            Console.WriteLine($"  round {round + 1}/{rounds} done");
        }

        var csMedian = Median.Of(cs);
        Console.WriteLine();
        Console.WriteLine("| side | OpenBLAS kernel | step (ms) | tokens/s | step time over C# float32 |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        Console.WriteLine(Row("C# MlmPretrainer", OpenBlasCore.Name(), csMedian, tokens, csMedian));
        Console.WriteLine(Row($"C# MlmPretrainer, bfloat16 products ({BFloat16Support.NativeInstructions ?? "no native bfloat16"})", "oneDNN", Median.Of(csBf16), tokens, csMedian));
        Console.WriteLine(Row("PyTorch, default environment", pyDefaultCore!, Median.Of(pyDefault), tokens, csMedian));
        Console.WriteLine(Row($"PyTorch, OPENBLAS_CORETYPE={requested}", pyMatchedCore!, Median.Of(pyMatched), tokens, csMedian));
        return 0;
    }

    private static string Row(string side, string core, double milliseconds, int tokens, double csMilliseconds) =>
        string.Create(CultureInfo.InvariantCulture, $"| {side} | {core} | {milliseconds:F1} | {tokens / (milliseconds / 1000):N0} | {milliseconds / csMilliseconds:F2} |");
}
