using System.Globalization;
using System.Text;
using DslNas.Search;

namespace DslNas.Reporting;

/// <summary>
/// Two scatter plots side by side: validation accuracy against measured latency and against FLOPs. Every evaluated
/// architecture is a grey dot; the front is drawn in colour and joined; axes are labelled with ticks.
/// </summary>
internal static class ParetoSvg
{
    private const int PanelWidth = 420, Height = 320, Margin = 56;

    public static string Write(IReadOnlyList<Evaluated> all, IReadOnlyCollection<string> frontKeys, string title)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{2 * PanelWidth}\" height=\"{Height + 30}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append(Invariant($"<text x=\"{PanelWidth}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">{Escape(title)}</text>\n"));
        Panel(svg, all, frontKeys, 0, "latency (ms, batch 1)", e => e.Metrics.LatencyMs);
        Panel(svg, all, frontKeys, PanelWidth, "FLOPs per sequence", e => e.Metrics.Flops);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, IReadOnlyList<Evaluated> all, IReadOnlyCollection<string> front, int left, string xLabel, Func<Evaluated, double> x)
    {
        var (x0, x1) = Range(all.Select(x));
        var (y0, y1) = Range(all.Select(e => e.Metrics.Accuracy));
        double Px(double v) => left + Margin + (v - x0) / (x1 - x0) * (PanelWidth - Margin - 16);
        double Py(double v) => 30 + (1 - (v - y0) / (y1 - y0)) * (Height - Margin - 10);
        var bottom = Py(y0);
        svg.Append(Invariant($"<line x1=\"{Px(x0):F1}\" y1=\"{bottom:F1}\" x2=\"{Px(x1):F1}\" y2=\"{bottom:F1}\" stroke=\"black\"/>\n"));
        svg.Append(Invariant($"<line x1=\"{Px(x0):F1}\" y1=\"{Py(y1):F1}\" x2=\"{Px(x0):F1}\" y2=\"{bottom:F1}\" stroke=\"black\"/>\n"));
        for (var t = 0; t <= 4; t++)
        {
            var xv = x0 + (x1 - x0) * t / 4;
            var yv = y0 + (y1 - y0) * t / 4;
            svg.Append(Invariant($"<text x=\"{Px(xv):F1}\" y=\"{bottom + 14:F1}\" text-anchor=\"middle\">{Tick(xv)}</text>\n"));
            svg.Append(Invariant($"<text x=\"{Px(x0) - 6:F1}\" y=\"{Py(yv) + 4:F1}\" text-anchor=\"end\">{yv:P1}</text>\n"));
        }
        svg.Append(Invariant($"<text x=\"{left + PanelWidth / 2}\" y=\"{Height + 22}\" text-anchor=\"middle\">{Escape(xLabel)}</text>\n"));
        svg.Append(Invariant($"<text transform=\"translate({left + 12},{Height / 2}) rotate(-90)\" text-anchor=\"middle\">validation accuracy (supernet)</text>\n"));
        foreach (var e in all.Where(e => !front.Contains(e.Key)))
            svg.Append(Invariant($"<circle cx=\"{Px(x(e)):F1}\" cy=\"{Py(e.Metrics.Accuracy):F1}\" r=\"3\" fill=\"#bbbbbb\"/>\n"));
        var points = all.Where(e => front.Contains(e.Key)).OrderBy(x).ToList();
        if (points.Count > 1)
            svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.5\" points=\"{string.Join(" ", points.Select(e => Invariant($"{Px(x(e)):F1},{Py(e.Metrics.Accuracy):F1}")))}\"/>\n"));
        foreach (var e in points)
            svg.Append(Invariant($"<circle cx=\"{Px(x(e)):F1}\" cy=\"{Py(e.Metrics.Accuracy):F1}\" r=\"4.5\" fill=\"#d62728\"/>\n"));
    }

    private static (double Low, double High) Range(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0) return (0, 1);
        var (low, high) = (list.Min(), list.Max());
        var pad = high > low ? (high - low) * 0.05 : Math.Max(Math.Abs(high) * 0.05, 1e-3);
        return (low - pad, high + pad);
    }

    private static string Tick(double value) => Math.Abs(value) >= 1e6 ? value.ToString("0.0e0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
