using DslNas.Engine;
using DslNas.Nn;

namespace DslNas.Hardware;

/// <summary>
/// What the latency predictor sees of an architecture: the lookup table's sum of its parts, its FLOPs and parameters
/// (the space's closed forms), its layers that compute (not identity), its attention layers and its hidden-size
/// transfers: the table sum carries the measured cost of each part, the others what the sum misses (per-layer
/// dispatch overhead, cache effects that grow with size).
/// </summary>
public static class LatencyFeatures
{
    public static IReadOnlyList<string> Names { get; } = ["table sum (ms)", "GFLOPs", "M parameters", "computing layers", "attention layers", "transfers"];

    public static double[] Of(SpaceEngine engine, Genes genes, LatencyTable table)
    {
        var plan = engine.Plan(genes);
        var parts = LatencyParts.Of(plan, table.Settings.SequenceLength);
        return
        [
            parts.Sum(table.PartMs),
            engine.Flops(genes, table.Settings.SequenceLength) * (double)table.Settings.Batch / 1e9,
            engine.Parameters(genes) / 1e6,
            plan.Layers.Count(l => l.Op != LayerOp.Identity),
            plan.Layers.Count(l => l.Op is LayerOp.FullLayer or LayerOp.Attention),
            parts.Count(p => p.Kind == LatencyPartKind.Transfer),
        ];
    }
}
