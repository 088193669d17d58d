using System.Globalization;
using System.Text;
using DslNas.Search;
using static DslNas.Reporting.SvgText;

namespace DslNas.Reporting;

/// <summary>
/// Two scatter plots side by side: accuracy with the shared weights against latency and against FLOPs. Every evaluated
/// architecture is a grey dot, or a grey cross on the bottom axis when it was over the budget and so not scored; the
/// front is drawn in colour and joined; axes are labelled with ticks. Marks: the
/// latency budget (a dashed line), the chosen architecture (a ring), compared models such as the largest architecture
/// and the baseline (their own symbols, at their measured latency), and a legend of everything drawn.
/// </summary>
internal static class ParetoSvg
{
    private const int PanelWidth = 420, Height = 320, Margin = 56;

    private static readonly (string Colour, string Shape)[] ModelStyles = [("#1f77b4", "square"), ("#2ca02c", "diamond"), ("#9467bd", "triangle"), ("#8c564b", "square")];

    public static string Write(IReadOnlyList<Evaluated> all, IReadOnlyCollection<string> frontKeys, string title, ParetoMarks? marks = null)
    {
        marks ??= new ParetoMarks();
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{2 * PanelWidth}\" height=\"{Height + 80}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append(Invariant($"<text x=\"{PanelWidth}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">{Escape(title)}</text>\n"));
        // A budget far right of every evaluation would squeeze them against the axis: the legend says where it lies instead.
        var slowest = all.Select(e => e.Metrics.LatencyMs).Concat(marks.Compared.Select(m => m.LatencyMs)).DefaultIfEmpty(0).Max();
        var drawnBudget = marks.BudgetMs is { } b && b <= 2 * slowest ? b : (double?)null;
        Panel(svg, all, frontKeys, marks, 0, "latency (ms)", e => e.Metrics.LatencyMs, m => m.LatencyMs, drawnBudget);
        Panel(svg, all, frontKeys, marks, PanelWidth, "FLOPs per sequence", e => e.Metrics.Flops, m => m.Flops, null);
        Legend(svg, marks, drawnBudget is null, all.Any(e => !e.Metrics.Scored));
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, IReadOnlyList<Evaluated> all, IReadOnlyCollection<string> front, ParetoMarks marks, int left, string xLabel,
        Func<Evaluated, double> x, Func<ParetoMark, double> markX, double? budget)
    {
        var (x0, x1) = Range(all.Select(x).Concat(marks.Compared.Select(markX)).Concat(budget is { } b ? [b] : []));
        var (y0, y1) = Range(all.Where(e => e.Metrics.Scored).Select(e => e.Metrics.Accuracy).Concat(marks.Compared.Select(m => m.Accuracy)));
        double Px(double v) => left + Margin + (v - x0) / (x1 - x0) * (PanelWidth - Margin - 16);
        double Py(double v) => 30 + (1 - (v - y0) / (y1 - y0)) * (Height - Margin - 10);
        var bottom = Py(y0);
        Axes(svg, Px, Py, (x0, x1), (y0, y1), Tick, v => v.ToString("P1", CultureInfo.InvariantCulture));
        svg.Append(Invariant($"<text x=\"{left + PanelWidth / 2}\" y=\"{Height + 22}\" text-anchor=\"middle\">{Escape(xLabel)}</text>\n"));
        svg.Append(Invariant($"<text transform=\"translate({left + 12},{Height / 2}) rotate(-90)\" text-anchor=\"middle\">accuracy (shared weights, search split)</text>\n"));
        foreach (var e in all.Where(e => !front.Contains(e.Key) && e.Metrics.Scored))
            svg.Append(Invariant($"<circle cx=\"{Px(x(e)):F1}\" cy=\"{Py(e.Metrics.Accuracy):F1}\" r=\"3\" fill=\"#bbbbbb\"/>\n"));
        foreach (var e in all.Where(e => !e.Metrics.Scored))
            svg.Append(Cross(Px(x(e)), bottom));
        var points = all.Where(e => front.Contains(e.Key)).OrderBy(x).ToList();
        if (points.Count > 1)
            svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.5\" points=\"{string.Join(" ", points.Select(e => Invariant($"{Px(x(e)):F1},{Py(e.Metrics.Accuracy):F1}")))}\"/>\n"));
        foreach (var e in points)
            svg.Append(Invariant($"<circle cx=\"{Px(x(e)):F1}\" cy=\"{Py(e.Metrics.Accuracy):F1}\" r=\"4.5\" fill=\"#d62728\"/>\n"));
        if (budget is { } limit)
            svg.Append(Invariant($"<line x1=\"{Px(limit):F1}\" y1=\"{Py(y1):F1}\" x2=\"{Px(limit):F1}\" y2=\"{bottom:F1}\" stroke=\"#ff7f0e\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/>\n"));
        if (all.FirstOrDefault(e => e.Key == marks.ChosenKey) is { } chosen)
            svg.Append(Invariant($"<circle cx=\"{Px(x(chosen)):F1}\" cy=\"{Py(chosen.Metrics.Accuracy):F1}\" r=\"8\" fill=\"none\" stroke=\"black\" stroke-width=\"2\"/>\n"));
        for (var i = 0; i < marks.Compared.Count; i++)
        {
            var mark = marks.Compared[i];
            Symbol(svg, ModelStyles[i % ModelStyles.Length], Px(markX(mark)), Py(mark.Accuracy));
        }
    }

    private static void Symbol(StringBuilder svg, (string Colour, string Shape) style, double cx, double cy) => svg.Append(style.Shape switch
    {
        "square" => Invariant($"<rect x=\"{cx - 5:F1}\" y=\"{cy - 5:F1}\" width=\"10\" height=\"10\" fill=\"{style.Colour}\"/>\n"),
        "diamond" => Invariant($"<polygon points=\"{cx:F1},{cy - 6:F1} {cx + 6:F1},{cy:F1} {cx:F1},{cy + 6:F1} {cx - 6:F1},{cy:F1}\" fill=\"{style.Colour}\"/>\n"),
        _ => Invariant($"<polygon points=\"{cx:F1},{cy - 6:F1} {cx + 6:F1},{cy + 5:F1} {cx - 6:F1},{cy + 5:F1}\" fill=\"{style.Colour}\"/>\n"),
    });

    private static string Cross(double cx, double cy) =>
        Invariant($"<path d=\"M{cx - 3:F1},{cy - 3:F1} L{cx + 3:F1},{cy + 3:F1} M{cx - 3:F1},{cy + 3:F1} L{cx + 3:F1},{cy - 3:F1}\" stroke=\"#999999\" stroke-width=\"1.2\"/>\n");

    /// <summary>One legend entry per kind of thing drawn, along the bottom, wrapping onto a second row.</summary>
    private static void Legend(StringBuilder svg, ParetoMarks marks, bool budgetOffChart, bool unscored)
    {
        var (x, y) = (16.0, Height + 44.0);
        void Entry(Func<double, double, string> symbol, string label)
        {
            if (x + 24 + 6.2 * label.Length > 2 * PanelWidth && x > 16) (x, y) = (16.0, y + 18);
            svg.Append(symbol(x, y));
            svg.Append(Invariant($"<text x=\"{x + 12:F1}\" y=\"{y + 4:F1}\">{Escape(label)}</text>\n"));
            x += 24 + 6.2 * label.Length;
        }
        Entry((cx, cy) => Invariant($"<circle cx=\"{cx:F1}\" cy=\"{cy:F1}\" r=\"3\" fill=\"#bbbbbb\"/>\n"), "evaluated");
        if (unscored) Entry(Cross, "over the budget, not scored");
        Entry((cx, cy) => Invariant($"<circle cx=\"{cx:F1}\" cy=\"{cy:F1}\" r=\"4.5\" fill=\"#d62728\"/>\n"), "front");
        if (marks.BudgetMs is { } budget)
            Entry((cx, cy) => Invariant($"<line x1=\"{cx - 6:F1}\" y1=\"{cy:F1}\" x2=\"{cx + 6:F1}\" y2=\"{cy:F1}\" stroke=\"#ff7f0e\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/>\n"),
                Invariant($"latency budget ({budget:F2} ms{(budgetOffChart ? ", far right of the chart" : "")})"));
        if (marks.ChosenKey is not null)
            Entry((cx, cy) => Invariant($"<circle cx=\"{cx:F1}\" cy=\"{cy:F1}\" r=\"6\" fill=\"none\" stroke=\"black\" stroke-width=\"2\"/>\n"), "chosen (as evaluated in the search)");
        for (var i = 0; i < marks.Compared.Count; i++)
        {
            var style = ModelStyles[i % ModelStyles.Length];
            Entry((cx, cy) =>
            {
                var symbol = new StringBuilder();
                Symbol(symbol, style, cx, cy);
                return symbol.ToString();
            }, marks.Compared[i].Label);
        }
    }

    private static string Tick(double value) => Math.Abs(value) >= 1e6 ? value.ToString("0.0e0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);
}
