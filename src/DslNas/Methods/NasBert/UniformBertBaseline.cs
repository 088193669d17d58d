using DslNas.Engine;
using DslNas.Runs;

namespace DslNas.Methods.NasBert;

/// <summary>
/// The hand-designed competitor of a searched model: a BERT-style architecture of the same space with uniform
/// layers: one hidden size everywhere and, in every block, the same number of real slots alternating attention and
/// FFN (a BERT layer is an attention slot and an FFN slot), identities after them. The largest such architecture
/// within the parameter budget is taken.
/// </summary>
public static class UniformBertBaseline
{
    /// <summary>Null when the space's [Op] offers attention and FFN; otherwise what it lacks.</summary>
    public static string? Problem(SpaceEngine engine)
    {
        var ops = engine.Dimensions.FirstOrDefault(d => d.Role == Role.Op);
        if (ops is null) return "it has no [Op] dimension";
        var layerOps = ops.Values.Select(LayerOps.FromCandidate).ToHashSet();
        return layerOps.Contains(LayerOp.Attention) && layerOps.Contains(LayerOp.Ffn) && layerOps.Contains(LayerOp.Identity)
            ? null
            : "its [Op] lacks Op.Attention, Op.Ffn or Op.Identity, which the uniform BERT-style baseline is built of";
    }

    /// <summary>Every uniform BERT-style architecture of the space (valid ones only).</summary>
    public static IReadOnlyList<Genes> All(SpaceEngine engine, int blockSize)
    {
        if (Problem(engine) is { } problem) throw new RunInputException($"no uniform BERT-style baseline: {problem}");
        var largest = engine.Extreme(largest: true);
        var layerDims = engine.LayerDimensions;
        var opPosition = layerDims.ToList().FindIndex(d => engine.Dimensions[d].Role == Role.Op);
        var hiddenPosition = layerDims.ToList().FindIndex(d => engine.Dimensions[d].Role == Role.Hidden);
        var op = engine.Dimensions[layerDims[opPosition]];
        int IndexOf(LayerOp wanted) => op.Values.Select(LayerOps.FromCandidate).ToList().IndexOf(wanted);
        var hiddenChoices = hiddenPosition < 0 ? 1 : engine.Dimensions[layerDims[hiddenPosition]].Values.Count;
        var found = new List<Genes>();
        for (var h = 0; h < hiddenChoices; h++)
        for (var real = 1; real <= blockSize; real++)
        {
            var layers = new int[largest.Layers.Length];
            for (var i = 0; i < layers.Length; i++)
            {
                var slot = i % blockSize;
                var indices = Enumerable.Range(0, layerDims.Count).Select(k => engine.TupleIndex(largest.Layers[i], k)).ToArray();
                indices[opPosition] = IndexOf(slot >= real ? LayerOp.Identity : slot % 2 == 0 ? LayerOp.Attention : LayerOp.Ffn);
                if (hiddenPosition >= 0) indices[hiddenPosition] = h;
                layers[i] = engine.MakeTuple(indices);
            }
            var genes = new Genes((int[])largest.Global.Clone(), layers);
            if (engine.Contains(genes)) found.Add(genes);
        }
        return found;
    }

    /// <summary>The uniform architecture of most parameters within <paramref name="budget"/>; none fitting is an error naming the smallest one's size.</summary>
    public static Genes Within(SpaceEngine engine, int blockSize, long budget)
    {
        var all = All(engine, blockSize).Select(g => (Genes: g, Parameters: engine.Parameters(g))).ToList();
        if (all.Count == 0) throw new RunInputException("the space holds no uniform BERT-style architecture (attention and FFN alternating, identities at the tail)");
        var within = all.Where(a => a.Parameters <= budget).ToList();
        if (within.Count == 0)
            throw new RunInputException($"no uniform BERT-style baseline has at most {budget:N0} parameters; the smallest has {all.Min(a => a.Parameters):N0}");
        return within.MaxBy(a => a.Parameters).Genes;
    }
}
