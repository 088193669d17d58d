using System.Globalization;

namespace DslNas.Reporting;

/// <summary>What every chart of a report writes the same way: invariant numbers, escaped text, padded axis ranges.</summary>
internal static class SvgText
{
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>The values' range padded by 5% on each side (or a small band around one value; (0, 1) for none).</summary>
    public static (double Low, double High) Range(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0) return (0, 1);
        var (low, high) = (list.Min(), list.Max());
        var pad = high > low ? (high - low) * 0.05 : Math.Max(Math.Abs(high) * 0.05, 1e-3);
        return (low - pad, high + pad);
    }
}
