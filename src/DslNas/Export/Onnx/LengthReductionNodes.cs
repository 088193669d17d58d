namespace DslNas.Export.Onnx;

/// <summary>
/// <see cref="Nn.LengthReduction"/> as ONNX nodes: PoWER-BERT's selection of the most attended tokens (the first one
/// always kept, the kept ones in their original order) and Drop-and-Restore, which writes every layer's output back
/// into a buffer of all positions. The number kept is min(keep, tokens present), so a sequence shorter than a layer's
/// keep passes through whole, as the runtime leaves it.
/// </summary>
internal sealed class LengthReductionNodes
{
    private const int FloatType = 1;
    private const int Int64Type = 7;

    private readonly OnnxGraph graph;

    /// <param name="mask">The float keep-mask [batch, seq].</param>
    /// <param name="range">0 .. seq-1 (int64).</param>
    /// <param name="ids">The input ids, whose shape the positions take.</param>
    /// <param name="embedded">The embeddings, the buffer's first content.</param>
    public LengthReductionNodes(OnnxGraph graph, string mask, string range, string ids, string embedded)
    {
        this.graph = graph;
        Mask = mask;
        Positions = graph.Node("Expand", [graph.Node("Unsqueeze", [range, graph.Int64s(0)]), graph.Node("Shape", [ids])]);
        Buffer = embedded;
    }

    /// <summary>The keep-mask of the tokens still present.</summary>
    public string Mask { get; private set; }

    /// <summary>The original position of every token still present [batch, kept].</summary>
    public string Positions { get; private set; }

    /// <summary>Every position's latest representation [batch, seq, hidden].</summary>
    public string Buffer { get; private set; }

    public void Transfer(Func<string, string> transfer) => Buffer = transfer(Buffer);

    /// <summary>A pre-LN model's final layer norm, over every position.</summary>
    public void Normalize(Func<string, string> norm) => Buffer = norm(Buffer);

    /// <summary>Keeps the <paramref name="keep"/> tokens of h [batch, seq, hidden] that receive the most attention.</summary>
    public string Reduce(string h, string probabilities, string mask, long keep, long hidden)
    {
        var queries = graph.Node("Unsqueeze", [mask, graph.Int64s(1, 3)]);
        var significance = graph.Node("ReduceSum", [graph.Node("Mul", [probabilities, queries]), graph.Int64s(1, 2)], OnnxAttribute.Int("keepdims", 0));
        var length = graph.Node("Gather", [graph.Node("Shape", [h]), graph.Int64Scalar(1)], OnnxAttribute.Int("axis", 0));
        var isFirst = graph.Node("Equal", [graph.Node("Range", [graph.Int64Scalar(0), length, graph.Int64Scalar(1)]), graph.Int64Scalar(0)]);
        var ranked = graph.Node("Where", [isFirst, graph.FloatScalar(float.PositiveInfinity), significance]);
        var count = graph.Node("Min", [graph.Int64s(keep), graph.Node("Reshape", [length, graph.Int64s(1)])]);
        var chosen = graph.Node("TopK", [ranked, count], 2, OnnxAttribute.Int("axis", 1), OnnxAttribute.Int("largest", 1), OnnxAttribute.Int("sorted", 1))[1];
        // Sorting the chosen indices ascending restores their order; TopK sorts floats everywhere (indices are far below 2^24).
        var ascending = graph.Node("TopK", [graph.Node("Cast", [chosen], OnnxAttribute.Int("to", FloatType)), count], 2,
            OnnxAttribute.Int("axis", 1), OnnxAttribute.Int("largest", 0), OnnxAttribute.Int("sorted", 1))[0];
        var kept = graph.Node("Cast", [ascending], OnnxAttribute.Int("to", Int64Type));
        Mask = graph.Node("GatherElements", [mask, kept], OnnxAttribute.Int("axis", 1));
        Positions = graph.Node("GatherElements", [Positions, kept], OnnxAttribute.Int("axis", 1));
        return graph.Node("GatherElements", [h, Spread(kept, hidden)], OnnxAttribute.Int("axis", 1));
    }

    /// <summary>Drop-and-Restore: x's rows written back at their original positions.</summary>
    public void Restore(string x, long hidden) =>
        Buffer = graph.Node("ScatterElements", [Buffer, Spread(Positions, hidden), x], OnnxAttribute.Int("axis", 1));

    /// <summary>Indices [batch, n] repeated along a last dimension of <paramref name="hidden"/>.</summary>
    private string Spread(string indices, long hidden) =>
        graph.Node("Expand", [graph.Node("Unsqueeze", [indices, graph.Int64s(2)]), graph.Int64s(1, 1, hidden)]);
}
