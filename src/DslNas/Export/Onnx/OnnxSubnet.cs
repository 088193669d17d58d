using DslNas.Engine;
using DslNas.Nn;
using DslNas.Torch.Nn;

namespace DslNas.Export.Onnx;

/// <summary>
/// An extracted subnet as an ONNX model (opset <see cref="OnnxGraph.Opset"/>): inputs <c>input_ids</c> and
/// <c>attention_mask</c> (int64 [batch, sequence], 1 = token, 0 = padding), outputs <c>logits</c> [batch, classes] and
/// <c>last_hidden_state</c> [batch, sequence, hidden], with batch and sequence dynamic. The graph follows the layers
/// as <see cref="SubnetRunner"/> runs them (per-layer shapes, every operation, hidden-size transfers, length reduction
/// with Drop-and-Restore, post- or pre-LayerNorm sub-layers), in eval mode: dropout is the identity.
/// </summary>
public static class OnnxSubnet
{
    public const int Opset = OnnxGraph.Opset;
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string Logits = "logits";
    public const string LastHiddenState = "last_hidden_state";

    private const string Batch = "batch";
    private const string Sequence = "sequence";

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/>; <paramref name="metadata"/> goes into the model's metadata_props.</summary>
    public static void Save(string path, ExtractedSubnet model, IReadOnlyDictionary<string, string> metadata)
    {
        var bytes = Build(model).ToModel("DslNas", typeof(OnnxSubnet).Assembly.GetName().Version?.ToString() ?? "0", metadata);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    internal static OnnxGraph Build(ExtractedSubnet model)
    {
        var plan = model.Plan;
        var modules = new SubnetModules(model);
        var graph = new OnnxGraph("dslnas-subnet");
        var onnx = new OnnxModules(graph);
        var ids = graph.Input(InputIds, OnnxElement.Int64, Batch, Sequence);
        var mask = graph.Node("Cast", [graph.Input(AttentionMask, OnnxElement.Int64, Batch, Sequence)], OnnxAttribute.Int("to", 1));

        var length = graph.Node("Gather", [graph.Node("Shape", [ids]), graph.Int64Scalar(1)], OnnxAttribute.Int("axis", 0));
        var range = graph.Node("Range", [graph.Int64Scalar(0), length, graph.Int64Scalar(1)]);
        var embedded = graph.Node("Add", [onnx.Embedding(ids, modules.TokenEmbedding, "encoder.token_embedding"),
            onnx.Embedding(range, modules.PositionEmbedding, "encoder.position_embedding")]);
        var x = onnx.LayerNorm(embedded, modules.EmbeddingNorm, "encoder.embedding_norm");

        var pre = modules.LayerNorm == LayerNormPlacement.Pre;
        // A residual around an operation, with the layer norm after the sum (post-LN) or before the operation (pre-LN).
        string Residual(string input, Func<string, string> operation, LayerNorm norm, string normName) => pre
            ? graph.Node("Add", [input, operation(onnx.LayerNorm(input, norm, normName))])
            : onnx.LayerNorm(graph.Node("Add", [input, operation(input)]), norm, normName);

        var reduction = plan.ReducesLength ? new LengthReductionNodes(graph, mask, range, ids, x) : null;
        for (var i = 0; i < plan.Layers.Count; i++)
        {
            var layer = plan.Layers[i];
            var parts = modules.Layers[i];
            var name = modules.LayerNames[i];
            if (parts.Transfer is not null)
            {
                x = onnx.Linear(x, parts.Transfer, name + ".transfer");
                reduction?.Transfer(b => onnx.Linear(b, parts.Transfer, name + ".transfer"));
            }
            var maskNow = reduction?.Mask ?? mask;
            var additive = graph.Node("Unsqueeze", [graph.Node("Mul", [graph.Node("Sub", [graph.FloatScalar(1f), maskNow]), graph.FloatScalar(-10000f)]),
                graph.Int64s(1, 2)]);
            switch (layer.Op)
            {
                case LayerOp.FullLayer or LayerOp.Attention:
                {
                    var full = layer.Op == LayerOp.FullLayer;
                    var normName = name + (full ? ".attention_norm" : ".norm");
                    var input = pre ? onnx.LayerNorm(x, parts.AttentionNorm!, normName) : x;
                    var (attended, probabilities) = onnx.Attention(input, additive, parts.Attention!, name + ".attention");
                    var summed = graph.Node("Add", [x, attended]);
                    x = pre ? summed : onnx.LayerNorm(summed, parts.AttentionNorm!, normName);
                    if (!full) break;
                    if (layer.Keep != long.MaxValue)
                        x = (reduction ?? throw new InvalidOperationException("a plan that keeps tokens reduces length")).Reduce(x, probabilities, maskNow, layer.Keep, layer.Hidden);
                    x = Residual(x, h => onnx.Ffn(h, parts.Intermediate!, parts.Output!, name), parts.FfnNorm!, name + ".output_norm");
                    break;
                }
                case LayerOp.Ffn:
                    x = Residual(x, h => onnx.Ffn(h, parts.Intermediate!, parts.Output!, name), parts.FfnNorm!, name + ".norm");
                    break;
                case LayerOp.SepConv3 or LayerOp.SepConv5 or LayerOp.SepConv7:
                {
                    var slot = parts.SepConv!;
                    var realTokens = graph.Node("Unsqueeze", [maskNow, graph.Int64s(-1)]);
                    x = Residual(x, h => onnx.SepConv(graph.Node("Mul", [h, realTokens]), slot.depthwise_weight!, slot.depthwise_bias!, slot.pointwise!, name),
                        slot.norm!, name + ".norm");
                    break;
                }
                case LayerOp.Identity:
                    break;
                default:
                    throw new InvalidOperationException($"layer {i} has the operation {layer.Op}, which the ONNX export does not know");
            }
            reduction?.Restore(x, layer.Hidden);
        }
        if (modules.FinalNorm is not null)
        {
            if (reduction is not null) reduction.Normalize(b => onnx.LayerNorm(b, modules.FinalNorm, "encoder.final_norm"));
            else x = onnx.LayerNorm(x, modules.FinalNorm, "encoder.final_norm");
        }

        var output = reduction?.Buffer ?? x;
        var first = graph.Node("Gather", [output, graph.Int64Scalar(0)], OnnxAttribute.Int("axis", 1));
        graph.Output(onnx.Linear(first, model.classifier, "classifier"), Logits, OnnxElement.Float, Batch, model.classifier.OutFeatures);
        graph.Output(output, LastHiddenState, OnnxElement.Float, Batch, Sequence, plan.LastHidden);
        return graph;
    }
}
