using System.Globalization;
using System.Text;
using static DslNas.Reporting.SvgText;

namespace DslNas.Reporting;

/// <summary>One named, coloured series of (x, y) points; a staircase series is drawn as the best y reached up to each x.</summary>
internal sealed record PlotSeries(string Name, string Colour, IReadOnlyList<(double X, double Y)> Points, bool Staircase = false);

/// <summary>One panel: axis labels and its series.</summary>
internal sealed record PlotPanel(string XLabel, string YLabel, IReadOnlyList<PlotSeries> Series);

/// <summary>Panels side by side, each a scatter of its series with a shared legend and ticked axes.</summary>
internal static class SeriesSvg
{
    private const int PanelWidth = 400, Height = 320, Margin = 56, Top = 30;

    public static string Write(string title, IReadOnlyList<PlotPanel> panels)
    {
        var svg = new StringBuilder();
        var width = PanelWidth * Math.Max(1, panels.Count);
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{Height + 50}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append(Invariant($"<text x=\"{width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">{Escape(title)}</text>\n"));
        for (var p = 0; p < panels.Count; p++) Panel(svg, panels[p], p * PanelWidth);
        var legend = panels.SelectMany(p => p.Series).Select(s => (s.Name, s.Colour)).Distinct().ToList();
        for (var i = 0; i < legend.Count; i++)
        {
            var x = Margin + i * 160;
            svg.Append(Invariant($"<circle cx=\"{x}\" cy=\"{Height + 40}\" r=\"4.5\" fill=\"{legend[i].Colour}\"/>\n"));
            svg.Append(Invariant($"<text x=\"{x + 8}\" y=\"{Height + 44}\">{Escape(legend[i].Name)}</text>\n"));
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, PlotPanel panel, int left)
    {
        var all = panel.Series.SelectMany(s => s.Points).ToList();
        var (x0, x1) = Range(all.Select(p => p.X));
        var (y0, y1) = Range(all.Select(p => p.Y));
        double Px(double v) => left + Margin + (v - x0) / (x1 - x0) * (PanelWidth - Margin - 16);
        double Py(double v) => Top + (1 - (v - y0) / (y1 - y0)) * (Height - Margin - 10);
        Axes(svg, Px, Py, (x0, x1), (y0, y1), Tick, Tick);
        svg.Append(Invariant($"<text x=\"{left + PanelWidth / 2}\" y=\"{Height + 22}\" text-anchor=\"middle\">{Escape(panel.XLabel)}</text>\n"));
        svg.Append(Invariant($"<text transform=\"translate({left + 12},{Height / 2}) rotate(-90)\" text-anchor=\"middle\">{Escape(panel.YLabel)}</text>\n"));
        foreach (var series in panel.Series)
        {
            var points = series.Points.OrderBy(p => p.X).ToList();
            if (series.Staircase && points.Count > 1)
            {
                var path = new StringBuilder();
                var best = double.NegativeInfinity;
                foreach (var point in points)
                {
                    if (best > double.NegativeInfinity) path.Append(Invariant($"{Px(point.X):F1},{Py(best):F1} "));
                    best = Math.Max(best, point.Y);
                    path.Append(Invariant($"{Px(point.X):F1},{Py(best):F1} "));
                }
                svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{series.Colour}\" stroke-width=\"1.5\" points=\"{path.ToString().Trim()}\"/>\n"));
            }
            foreach (var point in points)
                svg.Append(Invariant($"<circle cx=\"{Px(point.X):F1}\" cy=\"{Py(point.Y):F1}\" r=\"3.5\" fill=\"{series.Colour}\"/>\n"));
        }
    }

    private static string Tick(double value) => Math.Abs(value) >= 1e5 ? value.ToString("0.0e0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);
}
