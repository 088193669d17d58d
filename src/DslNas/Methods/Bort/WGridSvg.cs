using System.Globalization;
using System.Text;
using static DslNas.Reporting.SvgText;

namespace DslNas.Methods.Bort;

/// <summary>
/// w-grid.svg: W of every trained candidate against its effective parameter size (both axes logarithmic); the
/// FPTAS's pick in red, the exhaustive maximum (when known) circled.
/// </summary>
internal static class WGridSvg
{
    private const double Width = 640, Height = 400, Margin = 56;

    public static string Write(IReadOnlyList<(string Name, long Parameters, double W)> trained, string fptasPick, string? maximum, string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"13\">{Escape(title)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Margin}\" y=\"{Margin / 2}\" width=\"{Width - 1.5 * Margin}\" height=\"{Height - 1.5 * Margin}\" fill=\"none\" stroke=\"#888\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\">effective parameters (log)</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{Height / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {Height / 2})\">W (log)</text>\n");
        if (trained.Count > 0)
        {
            var (xs, ys) = (trained.Select(t => Math.Log10(t.Parameters)).ToArray(), trained.Select(t => Math.Log10(t.W)).ToArray());
            var (x0, x1, y0, y1) = (xs.Min(), xs.Max(), ys.Min(), ys.Max());
            double X(double v) => Margin + (x1 > x0 ? (v - x0) / (x1 - x0) : 0.5) * (Width - 2 * Margin);
            double Y(double v) => Height - Margin - (y1 > y0 ? (v - y0) / (y1 - y0) : 0.5) * (Height - 2 * Margin);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin}\" y=\"{Height - Margin + 28}\">{Math.Pow(10, x0):G3}</text><text x=\"{Width - Margin}\" y=\"{Height - Margin + 28}\" text-anchor=\"end\">{Math.Pow(10, x1):G3}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin - 4}\" y=\"{Height - Margin}\" text-anchor=\"end\">{Math.Pow(10, y0):G3}</text><text x=\"{Margin - 4}\" y=\"{Margin}\" text-anchor=\"end\">{Math.Pow(10, y1):G3}</text>\n");
            for (var i = 0; i < trained.Count; i++)
            {
                var (name, x, y) = (trained[i].Name, X(xs[i]), Y(ys[i]));
                var pick = name == fptasPick;
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"{(pick ? 5 : 3)}\" fill=\"{(pick ? "#d62728" : "#1f77b4")}\" fill-opacity=\"0.8\"><title>{Escape(name)}: W {trained[i].W:G4}</title></circle>\n");
                if (name == maximum) svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"9\" fill=\"none\" stroke=\"#000\"/>\n");
                if (pick) svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 8:F1}\" y=\"{y - 6:F1}\">{Escape(name)}</text>\n");
            }
        }
        return svg.Append("</svg>\n").ToString();
    }
}
