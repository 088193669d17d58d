using System.Diagnostics;
using DslNas.Nn;
using DslNas.Torch;

namespace DslNas.Search;

/// <summary>Latency measured on this machine: forward passes of an extracted subnet on a batch, after warm-up; the median in milliseconds.</summary>
public sealed class LatencyMeter(int sequenceLength, int batch = 1, int warmup = 3, int repetitions = 15)
{
    public int SequenceLength { get; } = sequenceLength;
    public int Batch { get; } = batch > 0 ? batch : throw new ArgumentOutOfRangeException(nameof(batch), batch, "the latency batch must be positive");

    public double Measure(ISequenceClassifier model)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var ids = torch.full([Batch, SequenceLength], 5L, ScalarType.Int64);
        var times = new List<double>(repetitions);
        for (var i = 0; i < warmup + repetitions; i++)
        {
            using var step = torch.NewDisposeScope();
            var clock = Stopwatch.StartNew();
            model.Classify(ids, null);
            if (i >= warmup) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
