namespace DslNas.Search;

/// <summary>What an evaluation measured: supernet validation accuracy and loss, size, FLOPs and latency (ms, median, batch 1).</summary>
public sealed record Metrics(double Accuracy, double Loss, long Parameters, long Flops, double LatencyMs);
