using System.Globalization;
using System.Text;
using static DslNas.Reporting.SvgText;

namespace DslNas.Reporting;

/// <summary>Lines of a count against the training step, one per series (NAS-BERT: paths alive per block as shrinking proceeds).</summary>
internal static class PruningCurveSvg
{
    private const int Width = 560, Height = 320, Margin = 56;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

    public static string Write(IReadOnlyList<(string Name, IReadOnlyList<(int Step, int Count)> Points)> series, string title)
    {
        var points = series.SelectMany(s => s.Points).ToList();
        if (points.Count == 0) throw new ArgumentException("nothing to draw: no series has points");
        var (x0, x1) = (0.0, Math.Max(1, points.Max(p => p.Step)));
        var (y0, y1) = (0.0, Math.Max(1, points.Max(p => p.Count)));
        double Px(double v) => Margin + (v - x0) / (x1 - x0) * (Width - Margin - 110);
        double Py(double v) => 30 + (1 - (v - y0) / (y1 - y0)) * (Height - Margin - 10);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height + 10}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">{Escape(title)}</text>\n"));
        svg.Append(Invariant($"<line x1=\"{Px(x0):F1}\" y1=\"{Py(y0):F1}\" x2=\"{Px(x1):F1}\" y2=\"{Py(y0):F1}\" stroke=\"black\"/>\n"));
        svg.Append(Invariant($"<line x1=\"{Px(x0):F1}\" y1=\"{Py(y1):F1}\" x2=\"{Px(x0):F1}\" y2=\"{Py(y0):F1}\" stroke=\"black\"/>\n"));
        for (var t = 0; t <= 4; t++)
        {
            var (xv, yv) = (x0 + (x1 - x0) * t / 4, y0 + (y1 - y0) * t / 4);
            svg.Append(Invariant($"<text x=\"{Px(xv):F1}\" y=\"{Py(y0) + 14:F1}\" text-anchor=\"middle\">{xv:0}</text>\n"));
            svg.Append(Invariant($"<text x=\"{Px(x0) - 6:F1}\" y=\"{Py(yv) + 4:F1}\" text-anchor=\"end\">{yv:0}</text>\n"));
        }
        svg.Append(Invariant($"<text x=\"{Px((x0 + x1) / 2):F1}\" y=\"{Height - 4}\" text-anchor=\"middle\">training step</text>\n"));
        svg.Append(Invariant($"<text transform=\"translate(14,{Py((y0 + y1) / 2):F1}) rotate(-90)\" text-anchor=\"middle\">paths alive</text>\n"));
        for (var i = 0; i < series.Count; i++)
        {
            var colour = Colours[i % Colours.Length];
            var line = string.Join(" ", series[i].Points.Select(p => Invariant($"{Px(p.Step):F1},{Py(p.Count):F1}")));
            svg.Append(Invariant($"<polyline points=\"{line}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>\n"));
            svg.Append(Invariant($"<text x=\"{Width - 100}\" y=\"{40 + 16 * i}\" fill=\"{colour}\">{Escape(series[i].Name)}</text>\n"));
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
