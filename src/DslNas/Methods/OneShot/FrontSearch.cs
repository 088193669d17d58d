using System.Globalization;
using System.Text.Json;
using DslNas.Data.Batching;
using DslNas.Engine;
using DslNas.Nn;
using DslNas.Reporting;
using DslNas.Runs;
using DslNas.Search;
using DslNas.Training;

namespace DslNas.Methods.OneShot;

/// <summary>
/// The search stage (NSGA-II over the trained supernet, every evaluation appended to results.jsonl, the front to
/// pareto.csv and pareto.svg) and the choose stage (the most accurate front member within the budget, to choice.json).
/// The budget is resolved once per search record and kept in its search.json.
/// </summary>
internal static class FrontSearch
{
    public static void Run(RunContext context)
    {
        var supernet = RunSupernet.Load(context);
        var budget = Budget(context, supernet);
        var record = context.Search;
        var options = SearchOptions(context, budget);
        var evaluator = new SupernetEvaluator(supernet, context.Data.Search, new Batcher(64, 0), context.LatencyMeter);
        var search = File.Exists(record.State)
            ? SearchState.Resume(context.Space.Engine, options, evaluator.Evaluate, record.State)
            : new EvolutionarySearch(context.Space.Engine, options, evaluator.Evaluate);
        if (search.Generation == 0 && File.Exists(record.Results)) File.Delete(record.Results);
        var total = options.Population * options.Generations;
        context.Timed("search", () => context.Events.Progress($"search '{record.Name}'", report =>
        {
            search.Run(record.State,
                afterGeneration: s => context.Log($"generation {s.Generation}/{options.Generations}: {s.All.Count} evaluated, front of {s.Front.Count}"),
                afterEvaluation: e =>
                {
                    File.AppendAllText(record.Results, JsonSerializer.Serialize(new
                    {
                        generation = e.Generation, architecture = JsonDocument.Parse(Json(context, e.Genes)).RootElement,
                        accuracy = e.Metrics.Accuracy, loss = e.Metrics.Loss, latency_ms = e.Metrics.LatencyMs, flops = e.Metrics.Flops, parameters = e.Metrics.Parameters,
                    }) + "\n");
                    report(Math.Min(total, search.All.Count), total, null);
                });
            return 0;
        }));
        var front = search.Front.Select(e => e.Key).ToHashSet();
        File.WriteAllText(record.ParetoCsv, ParetoCsv.Write(search.All.Select(e => (Json(context, e.Genes), e)).ToList(), front));
        File.WriteAllText(record.ParetoSvg, ParetoSvg.Write(search.All, front, $"{context.Space.Name}: accuracy against cost (front in red)"));
        context.Events.Table(FrontTable(context, search.Front));
    }

    /// <summary>
    /// Re-scores the front (ranked on the search split) on validation with the shared weights and takes the most
    /// accurate member within the budget: the choice is made on data the search never ranked on.
    /// </summary>
    public static void Choose(RunContext context)
    {
        var budget = context.SearchOptions.BudgetMs ?? throw new InvalidOperationException($"{context.Search.Options}: the search has no resolved budget; run 'search' first");
        var search = SearchState.Resume(context.Space.Engine, SearchOptions(context, budget),
            _ => throw new InvalidOperationException("choosing evaluates nothing"), context.Search.State);
        var supernet = RunSupernet.Load(context);
        var engine = context.Space.Engine;
        var feasible = search.Front.Where(e => search.Options.Violation(e.Metrics) == 0).ToList();
        if (feasible.Count == 0)
            throw new InvalidOperationException("no evaluated architecture meets the latency budget; search again with a larger --latency-budget or --latency-fraction");
        var scored = feasible.Select(e => (Evaluated: e, Validation: SubnetScoring.Score(supernet, engine.Plan(e.Genes), context.Data.Validation, new Batcher(64, 0)).Accuracy)).ToList();
        var (best, validation) = scored.OrderByDescending(s => s.Validation).ThenBy(s => s.Evaluated.Metrics.LatencyMs).First();
        var choice = new Choice(Json(context, best.Genes), best.Code, best.Metrics, validation, budget);
        choice.Save(context.Search.Choice);
        context.Log($"chosen: {choice.Architecture} (accuracy with shared weights {best.Metrics.Accuracy:P2} on the search split, {validation:P2} on validation; {best.Metrics.LatencyMs:F2} ms)");
    }

    public static string Json(RunContext context, Genes genes) =>
        ArchitectureJson.Write(context.Space.Name, context.Space.Engine, context.Space.Engine.ToValues(genes));

    /// <summary>The record's budget: resolved before, or given in ms, or the configured fraction of the largest architecture's latency (measured now, once).</summary>
    private static double Budget(RunContext context, Supernet supernet)
    {
        if (context.SearchOptions.BudgetMs is { } resolved) return resolved;
        var options = context.Options;
        double budget;
        if (options.Search.MaxLatencyMs is { } given) budget = given;
        else
        {
            using var largest = supernet.Extract(context.Space.Engine.Plan(context.Space.Engine.Extreme(largest: true)));
            largest.eval();
            budget = options.Latency.BudgetFraction * context.LatencyMeter.Measure(largest);
        }
        context.ResolveBudget(budget);
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"latency budget of search '{context.Search.Name}': {budget:F2} ms (batch {options.Latency.Batch}, {options.Data.MaxLength} tokens)"));
        return budget;
    }

    private static SearchOptions SearchOptions(RunContext context, double budget) =>
        context.Options.Search with { MaxLatencyMs = budget, Seed = context.Options.Seed };

    private static ResultTable FrontTable(RunContext context, IReadOnlyList<Evaluated> front) => new(
        $"front of search '{context.Search.Name}' (supernet accuracy on the search split)",
        ["accuracy", "latency (ms)", "FLOPs", "parameters"],
        front.Select(e => (IReadOnlyList<string>)[e.Metrics.Accuracy.ToString("P2", CultureInfo.InvariantCulture), e.Metrics.LatencyMs.ToString("F2", CultureInfo.InvariantCulture),
            e.Metrics.Flops.ToString("N0", CultureInfo.InvariantCulture), e.Metrics.Parameters.ToString("N0", CultureInfo.InvariantCulture)]).ToList());
}
