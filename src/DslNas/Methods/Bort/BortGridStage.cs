using System.Globalization;
using DslNas.Runs;
using DslNas.Search;
using DslNas.Search.Ose;
using DslNas.Training;

namespace DslNas.Methods.Bort;

/// <summary>
/// The grid stage: every candidate's effective parameter size p and inference cost i in closed form (FLOPs), or i
/// measured on this machine with --cost latency; the maximum point; and the AB^nC property checked on the grid's cost
/// functions and on how candidates train, with a warning naming each condition that fails.
/// </summary>
internal static class BortGridStage
{
    public static void Run(RunContext context)
    {
        var options = context.Options;
        var cost = options.Search.Cost;
        if (cost == CostObjective.Parameters)
            throw new RunInputException("--cost parameters: bort weighs parameters already; give its inference cost as --cost flops (operations) or --cost latency (measured)");
        var vocabulary = context.Data.Vocabulary.Count;
        var length = options.Data.MaxLength;
        var candidates = BortGrid.Enumerate(context.Space.Engine, options.Bort.HiddenDivisor, length);
        if (cost == CostObjective.Latency) candidates = Measured(context, candidates);
        var abnc = AbncProperty.Check(candidates.Select(c => Shape(c, vocabulary, length)).ToList(),
            new AbncTraining("AdamW", new Training.Pretraining.MlmPretrainingOptions().MaxGradientNorm));
        var grid = new BortGrid(context.Space.Name, cost, options.Bort.HiddenDivisor, length, candidates, BortGrid.MaximumOf(candidates), abnc);
        grid.Save(BortFiles.Grid(context));
        context.Log($"grid: {candidates.Count} candidates (hidden sizes divided by {grid.HiddenDivisor}); maximum point {grid.MaximumPoint.Name}, " +
                    string.Create(CultureInfo.InvariantCulture, $"{grid.MaximumPoint.Parameters:N0} effective parameters, i = {grid.MaximumPoint.Inference:G6} ({Unit(cost)})"));
        foreach (var condition in abnc.Where(c => !c.Holds))
            context.Log(condition.Number == AbncProperty.StrongForm
                ? $"note: {condition.Detail}"
                : $"warning: AB^nC condition {condition.Number} ({condition.Name}) does not hold: {condition.Detail}");
        context.Events.Table(AbncTable(abnc));
    }

    public static string Unit(CostObjective cost) => cost == CostObjective.Latency ? "ms, measured" : "FLOPs";

    /// <summary>A candidate as an A·Bⁿ·C network: embeddings (a lookup: no FLOPs), one encoder layer, the tied MLM decoder (its bias; every position decoded).</summary>
    public static AbncShape Shape(BortCandidate candidate, int vocabulary, int length)
    {
        var h = (double)candidate.Hidden;
        return new AbncShape(candidate.Name,
            new PartCost((vocabulary + (double)length) * h + 2 * h, 0),
            new PartCost(candidate.Parameters / (double)candidate.Layers, candidate.Flops / (double)candidate.Layers),
            new PartCost(vocabulary, 2.0 * length * h * vocabulary));
    }

    private static IReadOnlyList<BortCandidate> Measured(RunContext context, IReadOnlyList<BortCandidate> candidates)
    {
        var meter = context.LatencyMeter;
        var vocabulary = context.Data.Vocabulary.Count;
        return context.Timed("latency of the grid", () => context.Events.Progress("latency of the grid", report => candidates.Select((c, i) =>
        {
            using var model = new SequenceClassifier(c.Config(vocabulary, context.Options.Data.MaxLength), context.Data.Classes);
            model.eval();
            var latency = meter.Measure(model);
            report(i + 1, candidates.Count, c.Name);
            return c with { Inference = latency };
        }).ToList()));
    }

    public static ResultTable AbncTable(IReadOnlyList<AbncCondition> conditions) => new(
        "AB^nC property (the FPTAS's assumptions) on the grid",
        ["condition", "holds", "detail"],
        conditions.Select(c => (IReadOnlyList<string>)[$"{c.Number}. {c.Name}", c.Holds ? "yes" : "no", c.Detail]).ToList());
}
