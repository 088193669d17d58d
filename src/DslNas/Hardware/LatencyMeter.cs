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
/// tokens in inference mode with float32 matrix products, after warm-up passes; every latency in DslNas (search,
/// budgets, lookup tables, reports, evaluate) is measured with it, so figures taken with the same <see cref="Settings"/> compare. Several models are
/// measured interleaved (one pass of each per round), so that a slow spell of a shared machine falls on all of them.
/// With a <see cref="Reference"/>, the reference runs in every round too and each figure is corrected for the machine's
/// drift: its median over the reference's, times the reference's calibrated latency.
/// </summary>
public sealed class LatencyMeter(int sequenceLength, int batch = 1, int warmup = 3, int repetitions = 15, LatencyReference? reference = null)
{
    public int SequenceLength { get; } = sequenceLength > 0 ? sequenceLength : throw new ArgumentOutOfRangeException(nameof(sequenceLength), sequenceLength, "the latency length must be positive");
    public int Batch { get; } = batch > 0 ? batch : throw new ArgumentOutOfRangeException(nameof(batch), batch, "the latency batch must be positive");
    public int Warmup { get; } = warmup >= 0 ? warmup : throw new ArgumentOutOfRangeException(nameof(warmup), warmup, "warm-up passes must not be negative");
    public int Repetitions { get; } = repetitions > 0 ? repetitions : throw new ArgumentOutOfRangeException(nameof(repetitions), repetitions, "latency needs at least one timed repetition");

    public LatencyReference? Reference { get; } = reference is null || (reference.SequenceLength == sequenceLength && reference.Batch == batch)
        ? reference
        : throw new ArgumentException($"the reference was calibrated for batch {reference.Batch} x {reference.SequenceLength} tokens, not {batch} x {sequenceLength}", nameof(reference));

    /// <summary>The clock passes are timed by, in milliseconds (a monotonic clock; tests give passes a time of their own).</summary>
    internal Func<double> Clock { get; init; } = () => Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency;

    /// <summary>What a figure from this meter depends on, with the runtime's thread count now.</summary>
    public LatencyMeterSettings Settings => new(SequenceLength, Batch, Warmup, Repetitions, torch.get_num_threads(), Reference?.CalibratedMs);

    /// <summary>The median latency in milliseconds.</summary>
    public double Measure(ISequenceClassifier model) => MeasureWithSpread(model).MedianMs;

    public LatencyMeasurement MeasureWithSpread(ISequenceClassifier model) => MeasureInterleaved([model])[0];

    /// <summary>Each model's latency, measured interleaved.</summary>
    public IReadOnlyList<LatencyMeasurement> MeasureInterleaved(IReadOnlyList<ISequenceClassifier> models)
    {
        using var scope = torch.NewDisposeScope();
        var ids = torch.full([Batch, SequenceLength], 5L, ScalarType.Int64);
        return MeasureInterleaved(models.Select(m => (Action)(() => m.Classify(ids, null))).ToList());
    }

    /// <summary>
    /// Each pass's latency, measured interleaved: <see cref="Warmup"/> untimed rounds, then <see cref="Repetitions"/>
    /// timed ones (with the <see cref="Reference"/>'s pass in each, and the figures corrected by it). A pass runs without
    /// gradients, with float32 matrix products (the precision models are deployed in, whatever the run trains and
    /// scores with), inside a dispose scope of its own.
    /// </summary>
    public IReadOnlyList<LatencyMeasurement> MeasureInterleaved(IReadOnlyList<Action> passes)
    {
        if (passes.Count == 0) return [];
        using var noGrad = torch.no_grad();
        using var exact = torch.matmul_precision(MatmulPrecision.Float32);
        IReadOnlyList<Action> timed = Reference is { } r ? [.. passes, r.Run] : passes;
        var times = timed.Select(_ => new List<double>(Repetitions)).ToArray();
        for (var round = 0; round < Warmup + Repetitions; round++)
            for (var i = 0; i < timed.Count; i++)
            {
                using var step = torch.NewDisposeScope();
                var start = Clock();
                timed[i]();
                if (round >= Warmup) times[i].Add(Clock() - start);
            }
        var threads = torch.get_num_threads();
        var measured = times.Select(t => Summary(t, threads)).ToList();
        if (Reference is null) return measured;
        var scale = Reference.CalibratedMs / measured[^1].MedianMs;
        return measured.Take(passes.Count)
            .Select(m => m with { MedianMs = m.MedianMs * scale, LowerQuartileMs = m.LowerQuartileMs * scale, UpperQuartileMs = m.UpperQuartileMs * scale })
            .ToList();
    }

    private static LatencyMeasurement Summary(List<double> times, int threads)
    {
        times.Sort();
        double At(double q) => times[(int)Math.Round(q * (times.Count - 1))];
        return new LatencyMeasurement(times[times.Count / 2], At(0.25), At(0.75), threads);
    }
}
