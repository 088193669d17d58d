using System.Diagnostics;
using DslNas.Nn;
using DslNas.Torch;

namespace DslNas.Hardware;

/// <summary>A latency measurement: the median of the timed repetitions, their interquartile range, and the thread count.</summary>
public sealed record LatencyMeasurement(double MedianMs, double LowerQuartileMs, double UpperQuartileMs, int Threads)
{
    /// <summary>Interquartile range relative to the median.</summary>
    public double RelativeSpread => MedianMs > 0 ? (UpperQuartileMs - LowerQuartileMs) / MedianMs : 0;
}

/// <summary>
/// The one latency meter: forward passes of a model on a batch of <see cref="Batch"/> x <see cref="SequenceLength"/>
/// tokens in inference mode, after warm-up passes; every latency in DslNas (search, budgets, reports, evaluate) is
/// measured with it, so figures taken with the same settings compare.
/// </summary>
public sealed class LatencyMeter(int sequenceLength, int batch = 1, int warmup = 3, int repetitions = 15)
{
    public int SequenceLength { get; } = sequenceLength > 0 ? sequenceLength : throw new ArgumentOutOfRangeException(nameof(sequenceLength), sequenceLength, "the latency length must be positive");
    public int Batch { get; } = batch > 0 ? batch : throw new ArgumentOutOfRangeException(nameof(batch), batch, "the latency batch must be positive");
    public int Warmup { get; } = warmup >= 0 ? warmup : throw new ArgumentOutOfRangeException(nameof(warmup), warmup, "warm-up passes must not be negative");
    public int Repetitions { get; } = repetitions > 0 ? repetitions : throw new ArgumentOutOfRangeException(nameof(repetitions), repetitions, "latency needs at least one timed repetition");

    /// <summary>The median latency in milliseconds.</summary>
    public double Measure(ISequenceClassifier model) => MeasureWithSpread(model).MedianMs;

    public LatencyMeasurement MeasureWithSpread(ISequenceClassifier model)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var ids = torch.full([Batch, SequenceLength], 5L, ScalarType.Int64);
        var times = new List<double>(Repetitions);
        for (var i = 0; i < Warmup + Repetitions; i++)
        {
            using var step = torch.NewDisposeScope();
            var clock = Stopwatch.StartNew();
            model.Classify(ids, null);
            if (i >= Warmup) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        double At(double q) => times[(int)Math.Round(q * (times.Count - 1))];
        return new LatencyMeasurement(times[times.Count / 2], At(0.25), At(0.75), torch.get_num_threads());
    }
}
