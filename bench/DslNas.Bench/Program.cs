using DslNas.Bench.Distributed;
using DslNas.Bench.Dsl;
using DslNas.Bench.Export;
using DslNas.Bench.Latency;
using DslNas.Bench.Pretraining;
using DslNas.Bench.Reliability;
using DslNas.Bench.Runtime;
using DslNas.Bench.Supernet;
using DslNas.Bench.Tokenizer;

// Benchmarks (not tests): each prints medians measured side by side in one run.
var benchmarks = new Dictionary<string, Func<string[], int>>
{
    ["runtime"] = RuntimeBenchmark.Run,
    ["tokenizer"] = TokenizerBenchmark.Run,
    ["generator"] = GeneratorBenchmark.Run,
    ["sampling"] = SamplingBenchmark.Run,
    ["supernet"] = SupernetBenchmark.Run,
    ["standalone-health"] = StandaloneHealthBenchmark.Run,
    ["pretraining"] = PretrainingBenchmark.Run,
    ["onnx"] = OnnxRuntimeBenchmark.Run,
    ["latency-repeatability"] = RepeatabilityBenchmark.Run,
    ["latency-table"] = TableErrorBenchmark.Run,
    ["latency-predictor"] = PredictorErrorBenchmark.Run,
    ["search-throughput"] = SearchThroughputBenchmark.Run,
    ["simulation-error"] = SimulationErrorBenchmark.Run,
    ["distributed"] = DistributedBenchmark.Run,
    ["memory-flatness"] = MemoryFlatnessBenchmark.Run,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project bench/DslNas.Bench -- <{string.Join("|", benchmarks.Keys)}> [options]");
    return 2;
}
return run(args[1..]);
