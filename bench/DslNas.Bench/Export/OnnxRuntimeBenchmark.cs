using System.Diagnostics;
using System.Globalization;
using DslNas.Bench.Runtime;
using DslNas.Export.Onnx;
using DslNas.NodeClients;
using DslNas.Nn;
using DslNas.Spaces;
using DslNas.Torch;

namespace DslNas.Bench.Export;

/// <summary>
/// Inference of extracted models in DslNas against the same models exported to ONNX and run in ONNX Runtime
/// (onnxruntime-node), at batch 1 and 16 and 128 tokens, with the same number of intra-op threads. Each side is timed
/// inside its own runtime around one forward pass (DslNas: Classify under no_grad; ONNX Runtime: session.run), after
/// warm-up passes; medians in milliseconds.
/// </summary>
public static class OnnxRuntimeBenchmark
{
    private const int Vocabulary = 8192;
    private const int Length = 128;

    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var repetitions = options.Int("repetitions", 20);
        var warmup = options.Int("warmup", 3);
        var threads = torch.get_num_threads();
        var directory = Directory.CreateTempSubdirectory("dslnas-onnx-bench").FullName;
        torch.manual_seed(1);
        var random = new Random(7);
        Console.WriteLine($"ONNX Runtime benchmark: {threads} intra-op threads on both sides, {Length} tokens, vocabulary {Vocabulary}, median of {repetitions} after {warmup} warm-up passes");
        Console.WriteLine("| model | parameters | batch | DslNas (ms) | ONNX Runtime (ms) | DslNas / ONNX Runtime |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        try
        {
            using (var supernet = new FastTransformer.Supernet(new SupernetOptions(Vocabulary, Length, Classes: 2, Dropout: 0.1)))
            {
                Compare("fast-transformer largest", supernet.Extract(FastTransformer.Space.Largest), directory, threads, warmup, repetitions);
                Compare("fast-transformer sampled", supernet.Extract(FastTransformer.Space.Sample(random)), directory, threads, warmup, repetitions);
            }
            using (var supernet = new NasBert.Supernet(new SupernetOptions(Vocabulary, Length, Classes: 2, Dropout: 0.1)))
                Compare("nas-bert sampled", supernet.Extract(NasBert.Space.Sample(random)), directory, threads, warmup, repetitions);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
        return 0;
    }

    private static void Compare(string name, ExtractedSubnet model, string directory, int threads, int warmup, int repetitions)
    {
        using (model)
        {
            model.eval();
            var path = Path.Combine(directory, "model.onnx");
            OnnxSubnet.Save(path, model, new Dictionary<string, string>());
            foreach (var batch in new[] { 1, 16 })
            {
                var rows = Enumerable.Range(0, batch).Select(b => Enumerable.Range(0, Length).Select(i => (long)((b * 31 + i * 7) % (Vocabulary - 5) + 5)).ToArray()).ToArray();
                var mask = rows.Select(r => r.Select(_ => 1L).ToArray()).ToArray();
                var dslnas = TimeDslNas(model, rows, warmup, repetitions);
                var ort = NodeClient.TimeOnnx(path, rows, mask, threads, warmup, repetitions);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {model.encoder.parameter_count():N0} | {batch} | {dslnas:F2} | {ort:F2} | {dslnas / ort:F2} |"));
            }
        }
    }

    private static double TimeDslNas(ExtractedSubnet model, long[][] rows, int warmup, int repetitions)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var ids = torch.tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);
        var mask = torch.ones([rows.Length, rows[0].Length], ScalarType.Int64);
        var times = new List<double>();
        for (var i = 0; i < warmup + repetitions; i++)
        {
            using var step = torch.NewDisposeScope();
            var clock = Stopwatch.StartNew();
            model.Classify(ids, mask);
            if (i >= warmup) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Median.Of(times);
    }
}
