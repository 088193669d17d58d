using System.Globalization;
using DslNas.Nn;

namespace DslNas.Hardware;

/// <summary>A latency as re-measured before a choice, and the limit it was held to then.</summary>
public sealed record RemeasuredLatency(double MeasuredMs, double LimitMs)
{
    public bool Within => MeasuredMs <= LimitMs;
}

/// <summary>
/// A search's latency budget: <see cref="Ms"/> as resolved, with the meter <see cref="Settings"/> it was resolved
/// with, and, when it was set as a fraction of the largest architecture's latency, that fraction. A budget is only
/// ever compared with latencies taken with its own settings.
/// </summary>
public sealed record LatencyBudget(double Ms, LatencyMeterSettings Settings, double? FractionOfLargest = null)
{
    /// <summary>Refuses a meter whose settings differ from the budget's: its figures would not compare.</summary>
    public void Require(LatencyMeter meter)
    {
        var now = meter.Settings;
        if (now != Settings)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"the latency budget of {Ms:F2} ms was set with {Settings}, but latency is now measured with {now}; measure with the budget's settings (DSLNAS_THREADS sets the threads) or search again"));
    }

    /// <summary>
    /// Measures the model as it is to be used: against <see cref="Ms"/>, or, for a budget set as a fraction, against
    /// that fraction of the largest architecture measured interleaved with it now, so that the machine's load then
    /// weighs on both alike.
    /// </summary>
    public RemeasuredLatency Remeasure(ISequenceClassifier model, ISequenceClassifier? largest, LatencyMeter meter)
    {
        Require(meter);
        if (FractionOfLargest is not { } fraction) return new RemeasuredLatency(meter.Measure(model), Ms);
        var measured = meter.MeasureInterleaved([model, largest ?? throw new ArgumentNullException(nameof(largest), "a budget set as a fraction is re-measured against the largest architecture")]);
        return new RemeasuredLatency(measured[0].MedianMs, fraction * measured[1].MedianMs);
    }

    /// <summary>Separate measurements the largest architecture's latency is resolved from, when a budget is a fraction of it.</summary>
    public const int LargestWindows = 3;

    /// <summary>
    /// <paramref name="fraction"/> of the largest architecture's latency: the median of <see cref="LargestWindows"/>
    /// separate measurements, so that one measurement taken in a slow or fast spell of the machine does not set the
    /// budget the whole search is held to.
    /// </summary>
    public static double OfLargest(ISequenceClassifier largest, LatencyMeter meter, double fraction)
    {
        var windows = Enumerable.Range(0, LargestWindows).Select(_ => meter.Measure(largest)).Order().ToList();
        return fraction * windows[windows.Count / 2];
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Ms:F2} ms{(FractionOfLargest is { } f ? $" ({f:0.###} of the largest architecture's latency)" : "")}, {Settings}");
}
