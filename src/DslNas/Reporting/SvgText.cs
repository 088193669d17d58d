using System.Globalization;
using System.Text;

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

    /// <summary>The x and y axes of a panel, each with five ticks from its low to its high end.</summary>
    public static void Axes(StringBuilder svg, Func<double, double> px, Func<double, double> py, (double Low, double High) x, (double Low, double High) y,
        Func<double, string> xTick, Func<double, string> yTick)
    {
        var bottom = py(y.Low);
        svg.Append(Invariant($"<line x1=\"{px(x.Low):F1}\" y1=\"{bottom:F1}\" x2=\"{px(x.High):F1}\" y2=\"{bottom:F1}\" stroke=\"black\"/>\n"));
        svg.Append(Invariant($"<line x1=\"{px(x.Low):F1}\" y1=\"{py(y.High):F1}\" x2=\"{px(x.Low):F1}\" y2=\"{bottom:F1}\" stroke=\"black\"/>\n"));
        for (var t = 0; t <= 4; t++)
        {
            var xv = x.Low + (x.High - x.Low) * t / 4;
            var yv = y.Low + (y.High - y.Low) * t / 4;
            svg.Append(Invariant($"<text x=\"{px(xv):F1}\" y=\"{bottom + 14:F1}\" text-anchor=\"middle\">{xTick(xv)}</text>\n"));
            svg.Append(Invariant($"<text x=\"{px(x.Low) - 6:F1}\" y=\"{py(yv) + 4:F1}\" text-anchor=\"end\">{yTick(yv)}</text>\n"));
        }
    }
}
