using System.Globalization;
using System.Text.Json;
using DslNas.Artifacts;
using DslNas.Data.Batching;
using DslNas.Distributed;
using DslNas.Engine;
using DslNas.Hardware;
using DslNas.Hardware.Simulation;
using DslNas.Nn;
using DslNas.Reporting;
using DslNas.Runs;
using DslNas.Search;
using DslNas.Training;

namespace DslNas.Methods.OneShot;

/// <summary>
/// The search stage (NSGA-II over the trained supernet, every evaluation appended to results.jsonl, the front to
/// pareto.csv and pareto.svg; architectures over the budget are costed but not scored) and the choose stage (the most accurate front member within the budget, to choice.json).
/// The budget is resolved once per search record and kept in its search.json. Over several ranks each generation's
/// candidates are split among them (<see cref="DistributedEvaluation"/>) and rank 0 writes the record.
/// </summary>
internal static class FrontSearch
{
    public static void Run(RunContext context)
    {
        var supernet = RunSupernet.Load(context);
        var latency = Source(context);
        context.Log($"latency during the search: {latency.Description}");
        var budget = Budget(context, supernet, latency);
        var record = context.Search;
        var options = SearchOptions(context, budget);
        var evaluator = new SupernetEvaluator(supernet, context.Data.Search, new Batcher(64, 0), latency, context.Options.Data.MaxLength, options);
        var world = context.World;
        var evaluate = DistributedEvaluation.Split(world, evaluator.Evaluate);
        var search = File.Exists(record.State)
            ? SearchState.Resume(context.Space.Engine, options, evaluate, record.State)
            : new EvolutionarySearch(context.Space.Engine, options, evaluate);
        // A search killed in a generation appended evaluations that its state does not hold; they are made again.
        if (world.IsLeader) AtomicFile.WriteAllText(record.Results, string.Concat(search.All.Select(e => ResultLine(context, e))));
        var total = options.Population * options.Generations;
        context.Timed("search", () => context.Events.Progress($"search '{record.Name}'", report =>
        {
            search.Run(world.IsLeader ? record.State : null,
                afterGeneration: s => context.Log($"generation {s.Generation}/{options.Generations}: {s.All.Count} evaluated ({s.OverBudget.Over} over the budget, {s.OverBudget.Unscored} of them not scored), front of {s.Front.Count}"),
                afterEvaluation: e =>
                {
                    if (!world.IsLeader) return;
                    File.AppendAllText(record.Results, ResultLine(context, e));
                    report(Math.Min(total, search.All.Count), total, null);
                });
            return 0;
        }));
        if (!world.IsLeader) return;
        var front = search.Front.Select(e => e.Key).ToHashSet();
        File.WriteAllText(record.ParetoCsv, ParetoCsv.Write(search.All.Select(e => (Json(context, e.Genes), e)).ToList(), front));
        File.WriteAllText(record.ParetoSvg, ParetoSvg.Write(search.All, front, $"{context.Space.Name}: accuracy against cost (front in red)", new ParetoMarks(budget)));
        context.Events.Table(FrontTable(context, search.Front));
        if (search.Front.Count == 0) context.Log("no evaluated architecture is within the budget: the front is empty");
        else if (!latency.Measures && latency.OnThisMachine) MeasureFront(context, supernet, search.Front);
    }

    /// <summary>One evaluation as a line of results.jsonl.</summary>
    private static string ResultLine(RunContext context, Evaluated e) => JsonSerializer.Serialize(new
    {
        generation = e.Generation, architecture = JsonDocument.Parse(Json(context, e.Genes)).RootElement,
        accuracy = e.Metrics.Scored ? e.Metrics.Accuracy : (double?)null, loss = e.Metrics.Scored ? e.Metrics.Loss : (double?)null, latency_ms = e.Metrics.LatencyMs, flops = e.Metrics.Flops, parameters = e.Metrics.Parameters,
    }) + "\n";

    /// <summary>
    /// The search's latency source: the meter, or the space's lookup table for the meter's settings (cached per machine).
    /// Over several ranks rank 0 builds or loads the table and predictor first and the others then read its cached
    /// files, so that every rank estimates with the same ones.
    /// </summary>
    private static LatencySource Source(RunContext context)
    {
        var world = context.World;
        if (!world.IsLeader) world.WaitForLeader($"latency-source/{context.Search.Name}", "its latency table");
        LatencySource source = context.Options.Latency.Source switch
        {
            var name when LatencySource.DeviceOf(name) is { } device => new LatencySource.Simulated(
                DeviceCatalog.Get(device, () => LatencyTableCache.Get(context.Space, context.LatencyMeter, context.Events)), context.Options.Data.MaxLength, context.Options.Latency.Batch),
            LatencySource.TableName => new LatencySource.Lookup(LatencyTableCache.Get(context.Space, context.LatencyMeter, context.Events)),
            LatencySource.PredictorName => Predicted(context),
            _ => new LatencySource.Meter(context.LatencyMeter),
        };
        if (world.IsLeader) world.Signal($"latency-source/{context.Search.Name}");
        return source;
    }

    private static LatencySource.Predicted Predicted(RunContext context)
    {
        var (predictor, table) = LatencyPredictor.Get(context.Space, context.LatencyMeter, context.Events);
        return new LatencySource.Predicted(predictor, table, context.Space);
    }

    /// <summary>Measures every front member of a search that estimated latency, to front-latency.json.</summary>
    private static void MeasureFront(RunContext context, Supernet supernet, IReadOnlyList<Evaluated> front)
    {
        var meter = context.LatencyMeter;
        var measured = context.Timed($"measuring the front ({front.Count} architectures)", () => front.Select(e =>
        {
            using var model = supernet.Extract(context.Space.Engine.Plan(e.Genes));
            model.eval();
            return new FrontLatency(Json(context, e.Genes), e.Metrics.LatencyMs, meter.Measure(model));
        }).ToList());
        FrontLatency.Save(context.Search.MeasuredFront, measured);
        var errors = measured.Select(m => Math.Abs(m.SearchMs - m.MeasuredMs) / m.MeasuredMs).Order().ToList();
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"front measured: the search's estimates are off by {errors[errors.Count / 2]:P1} (median), {errors[^1]:P1} at most"));
    }

    /// <summary>
    /// Re-scores the front (ranked on the search split) on validation with the shared weights, then takes the most
    /// accurate member within the budget as re-measured now with the budget's meter settings; a member over it is
    /// passed over for the next, and the log and choice.json say so. The choice is made on data the search never
    /// ranked on.
    /// </summary>
    public static void Choose(RunContext context)
    {
        var budget = context.Budget ?? throw new InvalidOperationException($"{context.Search.Options}: the search has no resolved budget; run 'search' first");
        var meter = context.LatencyMeter;
        if (LatencySource.DeviceOf(context.Options.Latency.Source) is null) budget.Require(meter);
        var search = SearchState.Resume(context.Space.Engine, SearchOptions(context, budget.Ms),
            (Genes _) => throw new InvalidOperationException("choosing evaluates nothing"), context.Search.State);
        var supernet = RunSupernet.Load(context);
        var engine = context.Space.Engine;
        var feasible = search.Front.Where(e => search.Options.Violation(e.Metrics) == 0).ToList();
        if (feasible.Count == 0)
            throw new InvalidOperationException("no evaluated architecture meets the latency budget; search again with a larger --latency-budget or --latency-fraction");
        var ranked = feasible.Select(e => (Evaluated: e, Validation: SubnetScoring.Score(supernet, engine.Plan(e.Genes), context.Data.Validation, new Batcher(64, 0)).Accuracy))
            .OrderByDescending(s => s.Validation).ThenBy(s => s.Evaluated.Metrics.LatencyMs).ToList();
        if (LatencySource.DeviceOf(context.Options.Latency.Source) is { } device)
        {
            var (simulated, accuracy) = ranked[0];
            new Choice(Json(context, simulated.Genes), simulated.Code, simulated.Metrics, accuracy, budget.Ms).Save(context.Search.Choice);
            context.Log(string.Create(CultureInfo.InvariantCulture,
                $"chosen: {Json(context, simulated.Genes)} ({accuracy:P2} on validation; {simulated.Metrics.LatencyMs:F2} ms simulated on {device}, not re-measured: the device is not this machine)"));
            return;
        }
        using var largest = budget.FractionOfLargest is null ? null : supernet.Extract(engine.Plan(engine.Extreme(largest: true)));
        largest?.eval();
        var budgeted = BudgetedChoice.FirstWithin(ranked.Count, i =>
        {
            using var model = supernet.Extract(engine.Plan(ranked[i].Evaluated.Genes));
            model.eval();
            return budget.Remeasure(model, largest, meter);
        });
        var remeasured = ranked.Zip(budgeted.Attempts, (r, a) => new RemeasuredMember(Json(context, r.Evaluated.Genes), r.Validation, r.Evaluated.Metrics.LatencyMs, a.MeasuredMs, a.LimitMs)).ToList();
        foreach (var passed in remeasured.Where(r => r.MeasuredMs > r.LimitMs))
            context.Log(string.Create(CultureInfo.InvariantCulture,
                $"passed over {passed.Architecture} ({passed.ValidationAccuracy:P2} on validation): {passed.SearchMs:F2} ms in the search, re-measured at {passed.MeasuredMs:F2} ms, over the budget's {passed.LimitMs:F2} ms; taking the next front member"));
        if (budgeted.Chosen is not { } chosen)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"no front member is within the budget ({budget}) when re-measured: {string.Join("; ", remeasured.Select(r => $"{r.MeasuredMs:F2} ms against {r.LimitMs:F2} ms"))}; search again with a larger --latency-budget or --latency-fraction"));
        var (best, validation) = ranked[chosen];
        var choice = new Choice(Json(context, best.Genes), best.Code, best.Metrics, validation, budget.Ms, remeasured);
        choice.Save(context.Search.Choice);
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"chosen: {choice.Architecture} (accuracy with shared weights {best.Metrics.Accuracy:P2} on the search split, {validation:P2} on validation; {best.Metrics.LatencyMs:F2} ms in the search, re-measured at {remeasured[chosen].MeasuredMs:F2} ms against {remeasured[chosen].LimitMs:F2} ms)"));
    }

    public static string Json(RunContext context, Genes genes) =>
        ArchitectureJson.Write(context.Space.Name, context.Space.Engine, context.Space.Engine.ToValues(genes));

    /// <summary>
    /// The record's budget: resolved before, or given in ms, or the configured fraction of the largest architecture's
    /// latency (measured now, the median of three measurements; simulated when the search is for a device).
    /// </summary>
    private static double Budget(RunContext context, Supernet supernet, LatencySource latency)
    {
        if (context.SearchOptions.BudgetMs is { } resolved) return resolved;
        var options = context.Options;
        double budget;
        if (options.Search.MaxLatencyMs is { } given) budget = given;
        else if (!latency.OnThisMachine) budget = options.Latency.BudgetFraction * latency.LatencyMs(supernet, context.Space.Engine.Extreme(largest: true));
        else
        {
            using var largest = supernet.Extract(context.Space.Engine.Plan(context.Space.Engine.Extreme(largest: true)));
            largest.eval();
            budget = LatencyBudget.OfLargest(largest, context.LatencyMeter, options.Latency.BudgetFraction);
        }
        budget = context.World.Broadcast(budget, "taking rank 0's latency budget");
        context.ResolveBudget(budget, context.LatencyMeter.Settings);
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"latency budget of search '{context.Search.Name}': {budget:F2} ms (batch {options.Latency.Batch}, {options.Data.MaxLength} tokens{(latency.OnThisMachine ? "" : $", {options.Latency.Source}")})"));
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
