using System.Globalization;
using System.Text;
using DslNas.Runs;
using DslNas.Search;

namespace DslNas.Reporting;

/// <summary>report.md: configuration, time per phase, the front, search throughput and the side-by-side comparison.</summary>
public static class RunReport
{
    public static string Write(SearchRun run, EvolutionarySearch search, Evaluated chosen, double budget, IReadOnlyList<ModelScore> scores)
    {
        string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine($"# DslNas run: {run.Space.Name}").AppendLine();
        text.AppendLine("## Configuration").AppendLine().AppendLine("```json").AppendLine(run.Config.ToJson()).AppendLine("```").AppendLine();
        text.AppendLine("## Wall time").AppendLine().AppendLine("| phase | seconds |").AppendLine("|---|---:|");
        foreach (var (phase, time) in run.Phases) text.AppendLine(F($"| {phase} | {time.TotalSeconds:F1} |"));
        text.AppendLine(F($"| total | {run.Phases.Values.Sum(t => t.TotalSeconds):F1} |")).AppendLine();
        var searchSeconds = run.Phases.GetValueOrDefault("search").TotalSeconds;
        text.AppendLine("## Search").AppendLine();
        text.AppendLine(F($"{search.All.Count} architectures evaluated in {search.Generation} generations ({search.All.Count / Math.Max(searchSeconds, 1e-9):F2} per second, including latency measurement); latency budget {budget:F2} ms at {run.Config.MaxLength} tokens, batch {run.Config.LatencyBatch}."));
        text.AppendLine().AppendLine("Front (supernet validation accuracy against measured latency; pareto.csv has every evaluation, pareto.svg plots them):").AppendLine();
        text.AppendLine("| accuracy | latency (ms) | FLOPs | parameters | architecture |").AppendLine("|---:|---:|---:|---:|---|");
        foreach (var e in search.Front)
            text.AppendLine(F($"| {e.Metrics.Accuracy:P2} | {e.Metrics.LatencyMs:F2} | {e.Metrics.Flops:N0} | {e.Metrics.Parameters:N0} | `{run.Json(e.Genes)}` |"));
        text.AppendLine().AppendLine(F($"Chosen (most accurate within the budget): `{run.Json(chosen.Genes)}`")).AppendLine();
        text.AppendLine("## Result").AppendLine();
        text.AppendLine("| model | validation accuracy | test accuracy | test F1 | latency (ms) | parameters (encoder) |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var s in scores)
            text.AppendLine(F($"| {s.Name} | {s.ValidationAccuracy:P2} | {s.TestAccuracy:P2} | {s.TestF1:F4} | {s.LatencyMs:F2} | {s.Parameters:N0} |"));
        text.AppendLine().AppendLine(F($"Supernet against standalone for the chosen architecture: validation accuracy {chosen.Metrics.Accuracy:P2} with the shared weights, {scores[0].ValidationAccuracy:P2} after extraction and {run.Config.FineTuneSteps} fine-tuning steps."));
        return text.ToString();
    }
}
