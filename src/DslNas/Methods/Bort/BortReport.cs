using System.Globalization;
using System.Text;
using DslNas.Runs;
using DslNas.Search.Ose;

namespace DslNas.Methods.Bort;

/// <summary>The report stage: w-grid.svg and report.md of the search record (also copied to the run's report.md).</summary>
internal static class BortReport
{
    public static void Run(RunContext context)
    {
        var grid = BortGrid.Load(BortFiles.Grid(context));
        var selection = BortSelection.Load(BortFiles.Selection(context));
        var final = BortFinal.Load(BortFiles.Final(context));
        var steps = (selection.Exhaustive ?? selection.Fptas).Steps;
        var trained = steps.Select(s => (grid.Candidates[s.Candidate].Name, grid.Candidates[s.Candidate].Parameters, s.W)).ToList();
        var pick = grid.Candidates[selection.Fptas.Chosen].Name;
        var maximum = selection.Exhaustive is { } e ? grid.Candidates[e.Chosen].Name : null;
        File.WriteAllText(BortFiles.WPlot(context), WGridSvg.Write(trained, pick, maximum, $"{grid.Space}: W-coefficient ({selection.WCoefficient}) of the trained candidates"));

        var options = context.Options;
        var text = new StringBuilder();
        text.Append($"# Bort on '{grid.Space}'\n\n");
        text.Append(CultureInfo.InvariantCulture,
            $"Grid: {grid.Candidates.Count} candidates, hidden sizes divided by {grid.HiddenDivisor}; p = effective parameters (encoder layers, no embeddings), " +
            $"i = {BortGridStage.Unit(grid.Cost)} at {grid.SequenceLength} tokens, e = held-out MLM loss after {options.Bort.CandidateSteps} distillation steps from the teacher. " +
            $"Maximum point T = {grid.MaximumPoint.Name} with the teacher's error {selection.Maximum.Error:F4}. W-coefficient: {selection.WCoefficient} (docs/bort.md says which reading and why).\n\n");
        Table(text, BortGridStage.AbncTable(grid.Abnc));
        Table(text, BortSearchStage.SearchTable(grid, selection));
        text.Append($"FPTAS: {selection.Fptas.Stop}.\n\n");
        foreach (var warning in selection.Fptas.Warnings) text.Append($"Warning: {warning}.\n\n");
        if (selection.Exhaustive is not null)
            text.Append(CultureInfo.InvariantCulture,
                $"The FPTAS pick's W is {selection.Ratio:F4} of the exhaustive maximum: {(selection.WithinGuarantee == true ? "within" : "outside")} the guarantee 1 - epsilon = {1 - selection.Epsilon:F4}.\n\n");
        Table(text, BortFinalStage.FinalTable(final));
        text.Append(CultureInfo.InvariantCulture,
            $"The chosen architecture has {final.SizeFraction:P1} of the largest's effective size and runs {final.SpeedUp:F2}x faster (measured, batch {options.Latency.Batch}); " +
            $"the paper reports 5.5% of BERT-large's effective size and 7.9x on CPU, at a scale this run does not reach.\n\n");
        text.Append("Files: grid.json, candidates.csv (p, i, e, W of every candidate), fptas-trace.csv, selection.json, final.json, model/ (the chosen encoder, BERT layout).\n\n");
        text.Append("![W over the grid](w-grid.svg)\n");
        File.WriteAllText(context.Search.Report, text.ToString());
        File.WriteAllText(context.Directory.Report, text.ToString());
        context.Log($"report: {context.Search.Report}");
    }

    private static void Table(StringBuilder text, ResultTable table)
    {
        text.Append($"## {table.Title}\n\n| {string.Join(" | ", table.Columns)} |\n|{string.Concat(table.Columns.Select(_ => "---|"))}\n");
        foreach (var row in table.Rows) text.Append($"| {string.Join(" | ", row.Select(c => c.Replace("|", "\\|")))} |\n");
        text.Append('\n');
    }
}
