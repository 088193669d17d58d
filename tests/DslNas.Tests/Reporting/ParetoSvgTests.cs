using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DslNas.Engine;
using DslNas.Reporting;
using DslNas.Search;

namespace DslNas.Tests.Reporting;

public sealed class ParetoSvgTests
{
    private static Evaluated At(int key, double latency, double accuracy) =>
        new([key], new Genes([key], []), new Metrics(accuracy, 0.5, 1000 * key, 10_000 * key, latency), 0);

    private static readonly IReadOnlyList<Evaluated> All = [At(1, 1.0, 0.50), At(2, 2.0, 0.70), At(3, 3.0, 0.65), At(4, 4.0, 0.80)];
    private static readonly string[] Front = ["1", "2", "4"];

    [Fact]
    public void The_budget_the_choice_and_the_compared_models_are_marked_and_named_in_a_legend()
    {
        var svg = ParetoSvg.Write(All, Front, "t", new ParetoMarks(6.0, "2",
            [new ParetoMark("largest", 5.0, 50_000, 0.85), new ParetoMark("uniform baseline", 1.5, 12_000, 0.55)]));
        var document = XDocument.Parse(svg);
        var texts = document.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        texts.Should().Contain(["evaluated", "front", "latency budget (6.00 ms)", "chosen (as evaluated in the search)", "largest", "uniform baseline"]);

        var budget = document.Descendants().Single(e => e.Name.LocalName == "line" && (string?)e.Attribute("stroke-dasharray") == "5,3" && (string?)e.Attribute("y1") != (string?)e.Attribute("y2"));
        var budgetX = double.Parse((string)budget.Attribute("x1")!, CultureInfo.InvariantCulture);
        double Number(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);
        var dots = document.Descendants().Where(e => e.Name.LocalName == "circle" && (string?)e.Attribute("r") == "4.5" && Number(e, "cx") < 420 && Number(e, "cy") < 330).ToList();
        dots.Should().HaveCount(3, "the latency panel draws the three front members");
        var slowest = dots.Max(d => Number(d, "cx"));
        budgetX.Should().BeGreaterThan(slowest, "the budget of 6 ms lies right of the slowest evaluation at 4 ms").And.BeLessThan(420, "the axis stretches to hold the budget");

        var ring = document.Descendants().Where(e => e.Name.LocalName == "circle" && (string?)e.Attribute("r") == "8").ToList();
        ring.Should().HaveCount(2, "the chosen architecture is ringed in both panels");
        var chosenDot = dots.First(d => d.Attribute("cx")!.Value == ring[0].Attribute("cx")!.Value && d.Attribute("cy")!.Value == ring[0].Attribute("cy")!.Value);
        chosenDot.Should().NotBeNull();
        Regex.Matches(svg, "fill=\"#1f77b4\"").Count.Should().Be(3, "the largest model in two panels and the legend");
    }

    [Fact]
    public void A_budget_far_beyond_every_evaluation_is_named_in_the_legend_instead_of_squeezing_the_chart()
    {
        var svg = ParetoSvg.Write(All, Front, "t", new ParetoMarks(1000));
        svg.Should().Contain("latency budget (1000.00 ms, far right of the chart)");
        Regex.Matches(svg, "stroke-dasharray").Count.Should().Be(1, "only the legend's sample of the line is drawn");
    }

    [Fact]
    public void Unscored_architectures_are_crosses_on_the_bottom_axis_outside_the_accuracy_range()
    {
        var unscored = new Evaluated([9], new Genes([9], []), Metrics.Unscored(9000, 90_000, 9.0), 0);
        var svg = ParetoSvg.Write([.. All, unscored], Front, "t", new ParetoMarks(6.0));
        var document = XDocument.Parse(svg);
        document.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).Should().Contain("over the budget, not scored");
        var crosses = document.Descendants().Where(e => e.Name.LocalName == "path" && (string?)e.Attribute("stroke") == "#999999").ToList();
        crosses.Should().HaveCount(3, "one in each panel and one in the legend");
        var ticks = document.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).Where(v => v.EndsWith('%')).ToList();
        ticks.Should().NotContain("0.0%", "the unscored accuracy of 0 does not stretch the accuracy axis");
        ParetoSvg.Write(All, Front, "t").Should().NotContain("not scored");
    }

    [Fact]
    public void Without_marks_only_the_evaluations_the_front_and_their_legend_are_drawn()
    {
        var svg = ParetoSvg.Write(All, Front, "t");
        XDocument.Parse(svg);
        svg.Should().NotContain("stroke-dasharray").And.NotContain("chosen").And.Contain(">evaluated<").And.Contain(">front<");
    }
}
