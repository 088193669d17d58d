using System.Globalization;
using System.Text;
using DslNas.Reporting;
using DslNas.Runs;

namespace DslNas.Methods.NasBert;

/// <summary>
/// The report stage: report.md of the search record (also the run's report.md) with the time of each stage, the
/// pruning curve (pruning.svg) and log, the choice per budget with how well the approximation ranked, and the final
/// table of searched against uniform models.
/// </summary>
internal static class NasBertReport
{
    public static void Run(RunContext context)
    {
        var files = new NasBertFiles(context);
        var options = context.Options;
        var pruning = PruningLog.Load(files.Pruning);
        var survivors = Survivors.Load(files.Survivors);
        var selection = SelectionResult.Load(files.Choices);
        var final = FinalModel.Load(files.Final);
        var start = ShrinkingState.Load(files.Shrinking);
        File.WriteAllText(files.PruningSvg, PruningCurveSvg.Write(Curves(pruning, survivors), $"{context.Space.Name}: progressive shrinking"));

        var text = new StringBuilder();
        text.AppendLine($"# NAS-BERT on {context.Space.Name}").AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Teacher: {RunTeacher.Directory(context)}. Block-wise distillation with progressive shrinking: {options.NasBert.Bins} bins per block, " +
                          $"a round every {options.NasBert.ShrinkEvery} steps (the first a warm-up), draws of up to {options.NasBert.ShrinkSample} paths scored on " +
                          $"{options.NasBert.DevBatches} held-out batches, {options.NasBert.KeepPerBin} kept per bin; {start.Round} rounds, at most {options.Training.Steps} training steps. " +
                          $"Bins are by parameters and by latency from the per-op lookup table (both strict)."));
        text.AppendLine();
        text.AppendLine("## Stages (seconds)").AppendLine().AppendLine("| stage | seconds |").AppendLine("|---|---|");
        var stages = StageLog.Load(context.Directory.Stages).Concat(StageLog.Load(context.Search.Stages)).ToList();
        foreach (var stage in stages) text.AppendLine(F($"| {stage.Name} | {stage.Seconds:F1} |"));
        text.AppendLine();
        text.AppendLine("## Progressive shrinking").AppendLine().AppendLine("![pruning curve](pruning.svg)").AppendLine();
        Table(text, NasBertTables.Pruning(pruning));
        text.AppendLine(string.Join("; ", survivors.Select((s, b) => F($"block {b}: {s.Count} survivors, block loss {s.Min(x => x.Loss):F4} to {s.Max(x => x.Loss):F4}")))).AppendLine();
        text.AppendLine("## Performance approximation and choice").AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{selection.Ranked:N0} combinations ranked by summed block loss (ranking.csv); the top {options.NasBert.TopK} per budget evaluated as complete " +
                          $"architectures (selection.csv). Spearman between summed block losses and complete losses: {selection.Spearman:F3} over {selection.Evaluated} architectures. " +
                          $"Latency: {selection.LatencySource}; against {selection.TableChecked} random architectures measured whole (latency-check.csv) its relative " +
                          $"error is {selection.TableMedianError:P1} median, {selection.TableWorstError:P1} worst.")).AppendLine();
        Table(text, NasBertTables.Selection(selection));
        text.AppendLine("## Final models").AppendLine();
        var widths = options.NasBert.EmbeddingWidth == 0 ? "the smaller of their first hidden sizes" : $"--embedding-width {options.NasBert.EmbeddingWidth}";
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Each model starts from fresh weights, is pre-trained by masked language modelling on the teacher's corpus for {options.NasBert.DistillSteps} steps, distilling the teacher's predictions (Eq. 2, λ = 0.5), and fine-tuned " +
                          $"for {options.FineTune.Steps} steps, distilling the teacher fine-tuned on the task (weight {options.FineTune.Distillation}); one seed ({options.Seed}). Parameters are non-embedding. " +
                          $"Both models of a budget have embeddings of the same width ({widths}); " +
                          $"a model whose first layer is wider maps them up to it.")).AppendLine();
        if (final.FirstOrDefault(m => m.Kind == FinalModel.Teacher) is { } teacher)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"The fine-tuned teacher ({teacher.NonEmbeddingParameters:N0} parameters, {teacher.Score.LatencyMs:F2} ms) scores {teacher.Score.TestAccuracy:P2} on test.")).AppendLine();
        Table(text, NasBertTables.Final(final, seeds: 1));
        foreach (var model in final.Where(m => m.Kind != FinalModel.Teacher)) text.AppendLine($"- {model.Kind} ({model.Budget}): `{model.Architecture}`");
        File.WriteAllText(context.Search.Report, text.ToString());
        File.WriteAllText(context.Directory.Report, text.ToString());
        context.Log($"report: {context.Search.Report}");
    }

    /// <summary>Paths alive per block: what the bins held before the first round, then after each round.</summary>
    private static IReadOnlyList<(string, IReadOnlyList<(int, int)>)> Curves(IReadOnlyList<PruningRecord> pruning, IReadOnlyList<IReadOnlyList<Survivor>> survivors) =>
        Enumerable.Range(0, survivors.Count).Select(block =>
        {
            var rounds = pruning.Where(r => r.Block == block).GroupBy(r => r.Step).OrderBy(g => g.Key).ToList();
            var points = new List<(int, int)>();
            if (rounds.Count > 0) points.Add((0, rounds[0].Sum(r => r.Before)));
            points.AddRange(rounds.Select(g => (g.Key, g.Sum(r => r.After))));
            if (points.Count == 0) points.Add((0, survivors[block].Count));
            return ($"block {block}", (IReadOnlyList<(int, int)>)points);
        }).ToList();

    private static void Table(StringBuilder text, ResultTable table)
    {
        text.AppendLine($"**{table.Title}**").AppendLine();
        text.AppendLine("| " + string.Join(" | ", table.Columns) + " |");
        text.AppendLine("|" + string.Concat(table.Columns.Select(_ => "---|")));
        foreach (var row in table.Rows) text.AppendLine("| " + string.Join(" | ", row) + " |");
        text.AppendLine();
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
