using DslNas.Hardware;

namespace DslNas.Runs;

/// <summary>
/// How latency is measured (batch, warm-up passes, timed repetitions, and whether a reference model corrects each
/// figure for the machine's drift, <see cref="LatencyReference"/>; the sequence length is the data's maximum length),
/// where the search takes it from (<see cref="Source"/>: "measured", or "table" or "predictor" for an estimate, the
/// front and the choice being measured afterwards), and the default budget: <see cref="BudgetFraction"/> of the
/// largest architecture's measured latency, unless the search gives one in milliseconds. New runs measure with the
/// reference and search with the lookup table (<see cref="RunOptions.Latency"/>); a saved run or search record from
/// before the reference had no such field and keeps measuring without it, so that its budget and the figures it already
/// holds stay on one scale.
/// </summary>
public sealed record LatencyOptions(int Batch = 1, int Warmup = 3, int Repetitions = 15, double BudgetFraction = 0.6, string Source = LatencySource.MeasuredName,
    bool Reference = false)
{
    /// <summary>
    /// The meter these options describe, for texts of <paramref name="sequenceLength"/> tokens; the reference's
    /// calibration is cached under <paramref name="cacheRoot"/> (default: the cache directory).
    /// </summary>
    public LatencyMeter Meter(int sequenceLength, string? cacheRoot = null) =>
        new(sequenceLength, Batch, Warmup, Repetitions, Reference ? LatencyReference.For(sequenceLength, Batch, cacheRoot) : null);

    public void Validate()
    {
        LatencySource.Validate(Source);
        if (Batch < 1) throw new ArgumentException($"--latency-batch must be positive, got {Batch}");
        if (Warmup < 0) throw new ArgumentException($"the latency warm-up must not be negative, got {Warmup}");
        if (Repetitions < 1) throw new ArgumentException($"latency needs at least one timed repetition, got {Repetitions}");
        if (BudgetFraction is <= 0 or > 1) throw new ArgumentException($"--latency-fraction must lie in (0, 1], got {BudgetFraction}");
    }
}
