using System.Globalization;
using System.Text;
using DslNas.Engine;
using DslNas.Hardware;
using DslNas.Runs;
using DslNas.Search;
using DslNas.Training;

namespace DslNas.Reporting;

/// <summary>report.md: configuration, time per stage, supernet health, the front, search throughput and the side-by-side comparison.</summary>
internal static class RunReport
{
    public sealed record Input(
        string Space, string Method, string SearchName, string Initialization, RunOptions Options, IReadOnlyList<StageRecord> Stages, SupernetHealth Health,
        EvolutionarySearch Search, Choice Choice, IReadOnlyList<ModelScore> Scores, Func<Genes, string> Json, IReadOnlyList<FrontLatency>? MeasuredFront = null);

    public static string Write(Input input)
    {
        string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine($"# DslNas run: {input.Method} on {input.Space}, search '{input.SearchName}'").AppendLine();
        text.AppendLine($"Supernet initialization: {input.Initialization}.").AppendLine();
        text.AppendLine("## Configuration").AppendLine().AppendLine("```json").AppendLine(input.Options.ToJson()).AppendLine("```").AppendLine();
        text.AppendLine("## Wall time").AppendLine().AppendLine("| stage | seconds |").AppendLine("|---|---:|");
        foreach (var stage in input.Stages) text.AppendLine(F($"| {stage.Name} | {stage.Seconds:F1} |"));
        text.AppendLine(F($"| total | {input.Stages.Sum(s => s.Seconds):F1} |")).AppendLine();

        text.AppendLine("## Supernet health").AppendLine();
        text.AppendLine(F($"Accuracy on the search split with the shared weights; Spearman's rank correlation of size and accuracy: {input.Health.SizeAccuracyCorrelation:F3}.")).AppendLine();
        text.AppendLine("| subnet | parameters | loss | accuracy |").AppendLine("|---|---:|---:|---:|");
        foreach (var s in input.Health.Subnets) text.AppendLine(F($"| {s.Name} | {s.Parameters:N0} | {s.Loss:F4} | {s.Accuracy:P2} |"));
        text.AppendLine();

        var search = input.Search;
        var searchSeconds = input.Stages.FirstOrDefault(s => s.Name == "search")?.Seconds ?? 0;
        text.AppendLine("## Search").AppendLine();
        var (over, unscored) = search.OverBudget;
        text.AppendLine(F($"{search.All.Count} architectures evaluated in {search.Generation} generations, {over} of them over the budget ({unscored} costed but not scored) ({search.All.Count / Math.Max(searchSeconds, 1e-9):F2} per second, latency {(LatencySource.DeviceOf(input.Options.Latency.Source) is { } device ? $"simulated on the device {device}" : input.MeasuredFront is null ? "measured for each" : $"from the {input.Options.Latency.Source}, the front measured afterwards")}); latency budget {input.Choice.BudgetMs:F2} ms at {input.Options.Data.MaxLength} tokens, batch {input.Options.Latency.Batch}."));
        text.AppendLine().AppendLine("Front (accuracy with the shared weights on the search split, held out from training, against measured latency; pareto.csv has every evaluation, pareto.svg plots them):").AppendLine();
        text.AppendLine("| accuracy | latency (ms) | FLOPs | parameters | architecture |").AppendLine("|---:|---:|---:|---:|---|");
        foreach (var e in search.Front)
            text.AppendLine(F($"| {e.Metrics.Accuracy:P2} | {e.Metrics.LatencyMs:F2} | {e.Metrics.Flops:N0} | {e.Metrics.Parameters:N0} | `{input.Json(e.Genes)}` |"));
        if (input.MeasuredFront is { Count: > 0 } measured)
        {
            var errors = measured.Select(m => Math.Abs(m.SearchMs - m.MeasuredMs) / m.MeasuredMs).Order().ToList();
            text.AppendLine().AppendLine(F($"The front measured after the search (the search's estimates were off by {errors[errors.Count / 2]:P1} in the median, {errors[^1]:P1} at most):")).AppendLine();
            text.AppendLine("| search (ms) | measured (ms) | architecture |").AppendLine("|---:|---:|---|");
            foreach (var m in measured) text.AppendLine(F($"| {m.SearchMs:F2} | {m.MeasuredMs:F2} | `{m.Architecture}` |"));
        }
        text.AppendLine().AppendLine(F($"Chosen (the front member within the budget most accurate on validation with the shared weights, {input.Choice.ValidationAccuracy:P2}): `{input.Choice.Architecture}`")).AppendLine();
        if (input.Choice.Remeasured is { Count: > 0 } remeasured)
        {
            var passed = remeasured.Count - 1;
            text.AppendLine(passed == 0
                ? "Re-measured before the choice with the budget's meter settings, it is within the budget:"
                : F($"Re-measured before the choice with the budget's meter settings, the {passed} more accurate front member{(passed == 1 ? " was" : "s were")} over the budget and passed over for the next one:")).AppendLine();
            text.AppendLine("| architecture | validation accuracy | search (ms) | re-measured (ms) | budget then (ms) | outcome |").AppendLine("|---|---:|---:|---:|---:|---|");
            foreach (var r in remeasured)
                text.AppendLine(F($"| `{r.Architecture}` | {r.ValidationAccuracy:P2} | {r.SearchMs:F2} | {r.MeasuredMs:F2} | {r.LimitMs:F2} | {(r.MeasuredMs <= r.LimitMs ? "chosen" : "passed over: over the budget")} |"));
            text.AppendLine();
        }

        text.AppendLine("## Result").AppendLine();
        text.AppendLine("| model | validation accuracy | test accuracy | test F1 | latency (ms) | parameters (encoder) |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var s in input.Scores)
            text.AppendLine(F($"| {s.Name} | {s.ValidationAccuracy:P2} | {s.TestAccuracy:P2} | {s.TestF1:F4} | {s.LatencyMs:F2} | {s.Parameters:N0} |"));
        if (input.Scores.Count > 0 && LatencySource.DeviceOf(input.Options.Latency.Source) is null)
            text.AppendLine().AppendLine(F($"The chosen model measured {input.Scores[0].LatencyMs:F2} ms in this table against the budget of {input.Choice.BudgetMs:F2} ms ({input.Scores[0].LatencyMs / input.Choice.BudgetMs - 1:+0.0%;-0.0%}); latency on a shared machine varies with its load."));
        if (input.Scores.Count > 0)
            text.AppendLine().AppendLine(F($"Supernet against standalone for the chosen architecture: validation accuracy {input.Choice.ValidationAccuracy:P2} with the shared weights, {input.Scores[0].ValidationAccuracy:P2} {Standalone(input.Options)}."));
        return text.ToString();
    }

    private static string Standalone(RunOptions options) => options.FineTune.Weights == ChosenWeights.Inherited
        ? $"after extraction and {options.FineTune.Steps} fine-tuning steps"
        : $"retrained for {options.Training.Steps + options.FineTune.Steps} steps like the uniform baseline";
}
