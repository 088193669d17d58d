using System.Globalization;
using DslNas.Runs;

namespace DslNas.Methods.NasBert;

/// <summary>NAS-BERT's result tables, for the host to draw and the report to hold.</summary>
internal static class NasBertTables
{
    public static ResultTable Pruning(IReadOnlyList<PruningRecord> records) => new(
        "progressive shrinking (paths alive per block after each round)",
        ["step", .. records.Select(r => r.Block).Distinct().Order().Select(b => $"block {b}")],
        records.GroupBy(r => r.Step).OrderBy(g => g.Key).Select(g => (IReadOnlyList<string>)
            [g.Key.ToString(CultureInfo.InvariantCulture), .. g.GroupBy(r => r.Block).OrderBy(b => b.Key).Select(b => $"{b.Sum(r => r.Before)} -> {b.Sum(r => r.After)}")]).ToList());

    public static ResultTable Selection(SelectionResult result) => new(
        string.Create(CultureInfo.InvariantCulture,
            $"choice per budget (top k by summed block loss, chosen by complete dev loss; Spearman {result.Spearman:F3} over {result.Evaluated} architectures)"),
        ["budget", "rank", "summed block loss", "complete loss", "parameters", "latency (ms)"],
        result.Choices.Select(c => (IReadOnlyList<string>)[$"{c.Budget} ({c.MaxParameters:N0})", c.Chosen.Rank.ToString(CultureInfo.InvariantCulture),
            c.Chosen.ApproximateLoss.ToString("F4", CultureInfo.InvariantCulture), c.Chosen.CompleteLoss.ToString("F4", CultureInfo.InvariantCulture),
            c.Chosen.Parameters.ToString("N0", CultureInfo.InvariantCulture), c.Chosen.LatencyMs.ToString("F2", CultureInfo.InvariantCulture)]).ToList());

    public static ResultTable Final(IReadOnlyList<FinalModel> models, int seeds) => new(
        $"searched against uniform BERT-style models of the same budget (test split, {seeds} seed{(seeds == 1 ? "" : "s")})",
        ["budget", "embedding width", "searched accuracy", "uniform accuracy", "gap (points)", "searched parameters", "uniform parameters", "searched latency (ms)", "uniform latency (ms)"],
        models.Where(m => m.Kind != FinalModel.Teacher).GroupBy(m => m.Budget).Select(g =>
        {
            var searched = g.Single(m => m.Kind == FinalModel.Searched);
            var uniform = g.Single(m => m.Kind == FinalModel.Uniform);
            return (IReadOnlyList<string>)[$"{g.Key} ({searched.MaxParameters:N0})", searched.EmbeddingWidth.ToString(CultureInfo.InvariantCulture), searched.Score.TestAccuracy.ToString("P2", CultureInfo.InvariantCulture),
                uniform.Score.TestAccuracy.ToString("P2", CultureInfo.InvariantCulture),
                (100 * (searched.Score.TestAccuracy - uniform.Score.TestAccuracy)).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture),
                searched.NonEmbeddingParameters.ToString("N0", CultureInfo.InvariantCulture), uniform.NonEmbeddingParameters.ToString("N0", CultureInfo.InvariantCulture),
                searched.Score.LatencyMs.ToString("F2", CultureInfo.InvariantCulture), uniform.Score.LatencyMs.ToString("F2", CultureInfo.InvariantCulture)];
        }).ToList());
}
