using System.Globalization;
using System.Text;
using DslNas.Data.Batching;
using DslNas.Engine;
using DslNas.Hardware;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Training;

namespace DslNas.Methods.NasBert;

/// <summary>
/// The search stage: every combination of survivors ranked by summed block loss (ranking.csv); under each parameter
/// budget the top k feasible ones are evaluated as complete architectures (the student's blocks chained, dev loss
/// against the teacher's last state) and timed, and the one of least complete loss is chosen (selection.csv,
/// choices.json). Latency comes from the per-op lookup table, whose error against whole measured models is checked on
/// random architectures (latency-check.csv). A budget that no surviving combination meets is an error naming the
/// smallest one's size.
/// </summary>
internal static class BudgetSelection
{
    private const int RankingRows = 2000;

    public static void Run(RunContext context)
    {
        var options = context.Options;
        var engine = context.Space.Engine;
        var files = new NasBertFiles(context);
        var survivors = Survivors.Load(files.Survivors);
        var net = NasBertSupernet.Load(context);
        var candidates = net.Candidates;
        var budgets = ParameterBudgets.Resolve(options.NasBert.Budgets, engine.Parameters(engine.Extreme(largest: true)), engine.Parameters(engine.Extreme(largest: false)));

        Genes Genes(IReadOnlyList<int> paths) => candidates.Compose(paths.Select((p, b) => candidates.Blocks[b][survivors[b][p].Index]).ToList());
        var ranking = context.Timed("performance approximation", () =>
            PerformanceApproximation.Rank(survivors.Select(b => (IReadOnlyList<double>)b.Select(s => s.Loss).ToList()).ToList(), paths => engine.Parameters(Genes(paths))));
        File.WriteAllText(files.Ranking, RankingCsv(context, ranking.Take(RankingRows), Genes));
        context.Log($"ranked {ranking.Count:N0} combinations of survivors by summed block loss (ranking.csv holds the first {Math.Min(RankingRows, ranking.Count):N0})");

        using var dev = new DevBatches(net.Distillation, context.Data.Search, new Batcher(options.Data.BatchSize, 0), options.NasBert.DevBatches);
        IArchitectureLatency latency = new TableArchitectureLatency(LatencyTableCache.Get(context.Space, context.LatencyMeter, context.Events));
        var check = context.Timed("lookup table against measured models", () => LatencyTableCheck.Run(engine, context.Space.Name, latency,
            new MeasuredArchitectureLatency(context.LatencyMeter, RunSupernet.ModelOptions(context)), options.Seed));
        File.WriteAllText(files.LatencyCheck, LatencyTableCheck.Csv(check));
        var (medianError, worstError) = LatencyTableCheck.Errors(check);
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"lookup table against {check.Count} measured architectures: median relative error {medianError:P1}, worst {worstError:P1}"));
        var choices = new List<BudgetChoice>();
        var evaluated = new Dictionary<string, BudgetCandidate>();
        foreach (var (text, budget) in budgets)
        {
            var feasible = ranking.Select((r, i) => (Rank: i + 1, Ranked: r)).Where(r => r.Ranked.Parameters <= budget).Take(options.NasBert.TopK).ToList();
            if (feasible.Count == 0)
                throw new RunInputException($"--budgets {text} ({budget:N0} parameters): no surviving architecture meets it; the smallest has {ranking.Min(r => r.Parameters):N0} non-embedding parameters");
            var top = feasible.Select(f =>
            {
                var genes = Genes(f.Ranked.Paths);
                var json = FrontJson(context, genes);
                if (evaluated.TryGetValue(json, out var known)) return known with { Rank = f.Rank };
                var plan = engine.Plan(genes);
                var complete = dev.ChainedLosses([plan])[0];
                var scored = new BudgetCandidate(f.Rank, json, engine.Encode(genes), f.Ranked.Parameters, f.Ranked.ApproximateLoss, complete, latency.Milliseconds(plan));
                evaluated[json] = scored;
                return scored;
            }).ToList();
            var chosen = top.MinBy(c => c.CompleteLoss)!;
            choices.Add(new BudgetChoice(text, budget, chosen, top));
            context.Log(string.Create(CultureInfo.InvariantCulture,
                $"budget {text} ({budget:N0} parameters): chose the architecture ranked {chosen.Rank} by summed block loss, the least complete loss of the {top.Count} evaluated (complete loss {chosen.CompleteLoss:F4}, {chosen.Parameters:N0} parameters, {chosen.LatencyMs:F2} ms): {chosen.Architecture}"));
        }
        var all = evaluated.Values.ToList();
        var spearman = SupernetHealth.Spearman(all.Select(c => c.ApproximateLoss).ToArray(), all.Select(c => c.CompleteLoss).ToArray());
        var result = new SelectionResult(choices, latency.Source, medianError, worstError, check.Count, spearman, all.Count, ranking.Count);
        result.Save(files.Choices);
        File.WriteAllText(files.Selection, SelectionCsv(choices));
        context.Log(string.Create(CultureInfo.InvariantCulture, $"performance approximation: Spearman {spearman:F3} between summed block losses and complete losses over {all.Count} architectures"));
        context.Events.Table(NasBertTables.Selection(result));
    }

    private static string FrontJson(RunContext context, Genes genes) =>
        ArchitectureJson.Write(context.Space.Name, context.Space.Engine, context.Space.Engine.ToValues(genes));

    private static string RankingCsv(RunContext context, IEnumerable<RankedArchitecture> ranked, Func<IReadOnlyList<int>, Genes> genes)
    {
        var text = new StringBuilder("rank,approximate_loss,parameters,architecture\n");
        var rank = 0;
        foreach (var r in ranked)
            text.Append(CultureInfo.InvariantCulture, $"{++rank},{r.ApproximateLoss:R},{r.Parameters},\"{FrontJson(context, genes(r.Paths)).Replace("\"", "\"\"")}\"\n");
        return text.ToString();
    }

    private static string SelectionCsv(IReadOnlyList<BudgetChoice> choices)
    {
        var text = new StringBuilder("budget,max_parameters,rank,approximate_loss,complete_loss,parameters,latency_ms,chosen,architecture\n");
        foreach (var choice in choices)
        foreach (var c in choice.Candidates)
            text.Append(CultureInfo.InvariantCulture,
                $"{choice.Budget},{choice.MaxParameters},{c.Rank},{c.ApproximateLoss:R},{c.CompleteLoss:R},{c.Parameters},{c.LatencyMs:R},{(c.Rank == choice.Chosen.Rank ? 1 : 0)},\"{c.Architecture.Replace("\"", "\"\"")}\"\n");
        return text.ToString();
    }
}
