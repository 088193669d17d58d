using System.Globalization;
using System.Text;
using DslNas.Artifacts;
using DslNas.Reporting;
using DslNas.Runs;

namespace DslNas.Methods.LengthAdaptive;

/// <summary>
/// The report stage: report.md (configuration, wall time, training, the search, the choice and its budgets, the test
/// scores, the comparison with constant-rate reduction and the token-level task) and lengths.svg; the report is also
/// copied to the run's report.md.
/// </summary>
internal static class LengthReport
{
    public static void Run(RunContext context)
    {
        var model = new LengthModel(context);
        var search = model.Search(_ => throw new InvalidOperationException("reporting scores nothing"));
        var training = JsonArtifact.Load<LengthTrainingSummary>(Files.Training(context), "length training summary", "run 'train' first");
        var choice = Choice.Load(context.Search.Choice);
        var scores = ModelScore.Load(context.Search.Scores);
        var comparison = ComparisonResult.Load(Files.Comparison(context));
        var stages = StageLog.Load(context.Directory.Stages).Concat(StageLog.Load(context.Search.Stages)).ToList();
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

        var text = new StringBuilder();
        text.AppendLine($"# DslNas run: length-adaptive on {context.Space.Name}, search '{context.Search.Name}'").AppendLine();
        text.AppendLine(F($"One model ({model.Layers} layers, {model.Parameters:N0} encoder parameters, {model.SequenceLength} tokens) started from {training.Initialization}, trained once for {training.Steps} steps with LengthDrop (p = {training.LengthDrop}), LayerDrop {training.LayerDrop}, the sandwich rule and in-place distillation; every figure below comes from it without retraining.")).AppendLine();
        text.AppendLine("## Configuration").AppendLine().AppendLine("```json").AppendLine(context.Options.ToJson()).AppendLine("```").AppendLine();
        text.AppendLine("## Wall time").AppendLine().AppendLine("| stage | seconds |").AppendLine("|---|---:|");
        foreach (var stage in stages) text.AppendLine(F($"| {stage.Name} | {stage.Seconds:F1} |"));
        text.AppendLine(F($"| total | {stages.Sum(s => s.Seconds):F1} |")).AppendLine();
        text.AppendLine("## Training").AppendLine();
        text.AppendLine(F($"Accuracy on the search split: full length {training.FullAccuracy:P2}, smallest sandwich configuration ({training.Smallest}) {training.SmallestAccuracy:P2}.")).AppendLine();

        var options = search.Config.Options;
        text.AppendLine("## Length search").AppendLine();
        text.AppendLine(F($"The paper's evolutionary search: {search.Config.InitialGenes} constant-rate genes and the two bounds, then {search.Iteration} iterations of {options.Mutations} mutations (probability {options.MutationProbability} per layer) and {options.Crossovers} crossovers; {search.Evaluated.Count} configurations scored on the search split, FLOPs bounded by [{search.LowerBound:N0}, {search.UpperBound:N0}]."));
        text.AppendLine().AppendLine($"Area under the population's front after each iteration: {string.Join(", ", search.Areas.Select(a => a.ToString("F4", CultureInfo.InvariantCulture)))}.").AppendLine();
        text.AppendLine("| lengths | FLOPs | of full | search-split accuracy |").AppendLine("|---|---:|---:|---:|");
        foreach (var e in search.Front) text.AppendLine(F($"| {e.Lengths} | {e.Cost:N0} | {e.Cost / search.UpperBound:P1} | {e.Score:P2} |"));
        text.AppendLine();
        var budgets = new List<string>();
        if (choice.FlopsBudget is { } flops) budgets.Add(F($"{flops:N0} FLOPs"));
        if (choice.BudgetMs is { } ms) budgets.Add(F($"{ms:F2} ms (batch {context.Options.Latency.Batch})"));
        text.AppendLine(F($"Chosen within {string.Join(" and ", budgets)}: lengths {string.Join(",", choice.Lengths ?? [])} ({choice.Metrics.Flops:N0} FLOPs), the front member most accurate on validation ({choice.ValidationAccuracy:P2}). Another budget: `search --run DIR --flops-budget X` (or `--latency-budget`) picks from this front without retraining.")).AppendLine();

        text.AppendLine("## Result (test split, scored once)").AppendLine();
        text.AppendLine("| model | validation accuracy | test accuracy | test F1 | latency (ms) | parameters (encoder) |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var s in scores) text.AppendLine(F($"| {s.Name} | {s.ValidationAccuracy:P2} | {s.TestAccuracy:P2} | {s.TestF1:F4} | {s.LatencyMs:F2} | {s.Parameters:N0} |"));
        text.AppendLine();

        text.AppendLine("## Searched front against constant-rate reduction (validation)").AppendLine();
        text.AppendLine(F($"Normalised area under validation accuracy against FLOPs over [{comparison.LowFlops:N0}, {comparison.HighFlops:N0}]: searched front {comparison.SearchedArea:F4}, constant rate {comparison.ConstantRateArea:F4}. Token-level task: {comparison.TokenTask}. lengths.svg plots them.")).AppendLine();
        text.AppendLine("| family | lengths | FLOPs | accuracy | latency (ms) | masked-token accuracy |").AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var r in comparison.Rows)
            text.AppendLine(F($"| {r.Family} | {r.Lengths} | {r.Flops:N0} | {r.Accuracy:P2} | {r.LatencyMs:F2} | {(r.MaskedTokenAccuracy is { } m ? m.ToString("P2", CultureInfo.InvariantCulture) : "-")} |"));

        File.WriteAllText(Files.Plot(context), Plot(context, comparison));
        File.WriteAllText(context.Search.Report, text.ToString());
        File.WriteAllText(context.Directory.Report, text.ToString());
        context.Log($"report: {context.Search.Report}");
    }

    private static string Plot(RunContext context, ComparisonResult comparison)
    {
        PlotSeries Series(string family, string colour, Func<ComparedLengths, double> x, Func<ComparedLengths, double?> y) =>
            new(family, colour, comparison.Rows.Where(r => r.Family == family && y(r) is not null).Select(r => (x(r), y(r)!.Value)).ToList(), Staircase: true);
        IReadOnlyList<PlotSeries> Both(Func<ComparedLengths, double> x, Func<ComparedLengths, double?> y) =>
            [Series(ComparisonResult.Searched, "#d62728", x, y), Series(ComparisonResult.ConstantRate, "#1f77b4", x, y)];
        var panels = new List<PlotPanel>
        {
            new("FLOPs per sequence", "validation accuracy", Both(r => r.Flops, r => r.Accuracy)),
            new($"latency (ms, batch {context.Options.Latency.Batch})", "validation accuracy", Both(r => r.LatencyMs, r => r.Accuracy)),
        };
        if (comparison.Rows.Any(r => r.MaskedTokenAccuracy is not null))
            panels.Add(new("FLOPs per sequence", "masked-token accuracy (Drop-and-Restore)", Both(r => r.Flops, r => r.MaskedTokenAccuracy)));
        return SeriesSvg.Write($"{context.Space.Name}: length configurations of one trained model", panels);
    }
}
