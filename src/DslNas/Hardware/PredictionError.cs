using System.Globalization;

namespace DslNas.Hardware;

/// <summary>Relative errors of estimates against measurements, summarized: median and 95th percentile of |error|, share within ±10%.</summary>
public sealed record PredictionError(int Count, double MedianAbsolute, double Percentile95Absolute, double ShareWithin10Percent)
{
    public static PredictionError Of(IReadOnlyList<double> estimated, IReadOnlyList<double> measured)
    {
        if (estimated.Count == 0 || estimated.Count != measured.Count) throw new ArgumentException("errors need as many estimates as measurements, at least one");
        var errors = estimated.Zip(measured, (e, m) => Math.Abs(e - m) / m).Order().ToList();
        return new PredictionError(errors.Count, errors[errors.Count / 2], errors[(int)Math.Ceiling(0.95 * errors.Count) - 1], (double)errors.Count(e => e <= 0.10) / errors.Count);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"on {Count} held-out architectures: median error {MedianAbsolute:P1}, 95th percentile {Percentile95Absolute:P1}, {ShareWithin10Percent:P0} within +-10%");
}
