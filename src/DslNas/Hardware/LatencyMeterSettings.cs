using System.Globalization;

namespace DslNas.Hardware;

/// <summary>
/// What a latency figure depends on besides the model and the machine: tokens per text, batch, warm-up passes,
/// timed repetitions, intra-op threads, and the calibrated latency of the reference it was corrected by (none when it
/// was not; <see cref="LatencyReference"/>). Figures compare only when these agree (a budget is checked against
/// latencies taken with the settings it was set with).
/// </summary>
public sealed record LatencyMeterSettings(int SequenceLength, int Batch, int Warmup, int Repetitions, int Threads, double? ReferenceMs = null)
{
    /// <summary>The file name under which a space's cached latency figures at these settings are kept (tables, predictors).</summary>
    public string CacheFileName(string space) => string.Create(CultureInfo.InvariantCulture,
        $"{space}-batch{Batch}-tokens{SequenceLength}{(ReferenceMs is null ? "-plain" : "")}.json");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"batch {Batch} x {SequenceLength} tokens, {Warmup} warm-up and {Repetitions} timed passes, {Threads} threads{(ReferenceMs is { } r ? $", corrected by a reference of {r:F3} ms" : "")}");
}
