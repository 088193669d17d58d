using System.Globalization;
using DslNas.Data.Batching;
using DslNas.Runs;
using DslNas.Search;
using DslNas.Search.Lengths;
using DslNas.Training;

namespace DslNas.Methods.LengthAdaptive;

/// <summary>
/// The choose stage: the budget of this search record (--flops-budget, --latency-budget, or without either the
/// configured fraction of the full length's FLOPs, never below the front's cheapest configuration: FLOPs, as the
/// paper's trade-offs are drawn, and a default that always holds a configuration) applied to the stored front; the feasible members are
/// scored on validation with the frozen weights and the most accurate is chosen (choice.json, with its lengths).
/// A budget below the cheapest front member is an error that names the cheapest FLOPs or latency. Nothing is trained.
/// </summary>
internal static class LengthChoice
{
    public static void Run(RunContext context)
    {
        var model = new LengthModel(context);
        var search = model.Search(_ => throw new InvalidOperationException("choosing scores nothing new"));
        var options = context.Options;
        var front = search.Front;
        var meter = context.LatencyMeter;
        double Latency(LengthConfiguration lengths)
        {
            using var extracted = model.Supernet.Extract(model.With(lengths));
            extracted.eval();
            return meter.Measure(extracted);
        }

        var cheapest = front.MinBy(e => e.Cost)!;
        var flopsBudget = options.Search.MaxFlops;
        double? latencyBudget = context.SearchOptions.BudgetMs ?? options.Search.MaxLatencyMs;
        if (latencyBudget is null && flopsBudget is null)
        {
            var share = options.Latency.BudgetFraction * search.UpperBound;
            flopsBudget = Math.Max(share, cheapest.Cost);
            context.Log(share >= cheapest.Cost
                ? string.Create(CultureInfo.InvariantCulture, $"no budget given: {options.Latency.BudgetFraction:P0} of the full length's FLOPs, {share:N0}")
                : string.Create(CultureInfo.InvariantCulture,
                    $"no budget given: {options.Latency.BudgetFraction:P0} of the full length's FLOPs ({share:N0}) lies below the front's cheapest configuration; its {cheapest.Cost:N0} FLOPs are the budget"));
        }
        if (latencyBudget is { } resolved && context.SearchOptions.BudgetMs is null) context.ResolveBudget(resolved, meter.Settings);

        CheckFlopsBudget(flopsBudget, cheapest.Cost, cheapest.Lengths);
        var candidates = front.Where(e => flopsBudget is not { } f || e.Cost <= f).Select(e => (Scored: e, LatencyMs: latencyBudget is null ? 0 : Latency(e.Lengths))).ToList();
        if (latencyBudget is { } maxLatency)
        {
            var fastest = candidates.MinBy(c => c.LatencyMs);
            if (fastest.LatencyMs > maxLatency)
                throw new RunInputException(string.Create(CultureInfo.InvariantCulture,
                    $"the latency budget {maxLatency:F2} ms is below the fastest length configuration of the front: {fastest.LatencyMs:F2} ms ({fastest.Scored.Lengths}, batch {options.Latency.Batch}, {model.SequenceLength} tokens)"));
            candidates = candidates.Where(c => c.LatencyMs <= maxLatency).ToList();
        }
        var scored = candidates.Select(c => (c.Scored, c.LatencyMs,
            Validation: SubnetScoring.Score(model.Supernet, model.With(c.Scored.Lengths), context.Data.Validation, new Batcher(64, 0)).Accuracy)).ToList();
        var best = scored.OrderByDescending(s => s.Validation).ThenBy(s => s.Scored.Cost).First();
        var choice = new Choice(
            ArchitectureJsonOf(model), model.Engine.Encode(model.Architecture),
            new Metrics(best.Scored.Score, 0, model.Parameters, (long)best.Scored.Cost, best.LatencyMs),
            best.Validation, latencyBudget, FlopsBudget: flopsBudget, Lengths: best.Scored.Lengths.Lengths.ToArray());
        choice.Save(context.Search.Choice);
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"chosen lengths: {best.Scored.Lengths} ({best.Scored.Cost:N0} FLOPs, {best.Scored.Cost / search.UpperBound:P1} of the full length; accuracy {best.Scored.Score:P2} on the search split, {best.Validation:P2} on validation)"));
    }

    /// <summary>Refuses a FLOPs budget below the cheapest configuration the search can hold (the smallest sandwich configuration, always on the front).</summary>
    public static void CheckFlopsBudget(double? budget, double cheapest, LengthConfiguration lengths)
    {
        if (budget is { } maxFlops && maxFlops < cheapest)
            throw new RunInputException(string.Create(CultureInfo.InvariantCulture,
                $"--flops-budget {maxFlops:R} is below the cheapest length configuration of the front: {cheapest:R} FLOPs ({lengths})"));
    }

    public static string ArchitectureJsonOf(LengthModel model) =>
        ArchitectureJson.Write(model.Context.Space.Name, model.Engine, model.Engine.ToValues(model.Architecture));
}
