using DslNas.Engine;
using DslNas.Export.Onnx;
using DslNas.Nn;
using DslNas.NodeClients;
using DslNas.Torch;

namespace DslNas.Tests.Export;

/// <summary>
/// Extracted subnets of every kind (post- and pre-LayerNorm) written to ONNX and run in ONNX Runtime (onnxruntime-node): logits and the real
/// tokens' hidden states equal DslNas's within 1e-4, on padded batches and at another batch size and length.
/// </summary>
public sealed class OnnxExportTests : IDisposable
{
    private const int Vocabulary = 40;
    private const int MaxPositions = 16;
    private const int Classes = 3;
    private const long All = long.MaxValue;

    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-onnx").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static LayerShape Layer(LayerOp op, long hidden, long heads = 2, long headSize = 16, long ffn = 64, long keep = All) =>
        new(op, hidden, heads, headSize, ffn, keep);

    public static TheoryData<string, LayerShape[], LayerNormPlacement> Plans => new()
    {
        { "plain BERT encoder", [Layer(LayerOp.FullLayer, 32), Layer(LayerOp.FullLayer, 32)], LayerNormPlacement.Post },
        { "pre-LayerNorm encoder", [Layer(LayerOp.FullLayer, 32), Layer(LayerOp.FullLayer, 32, heads: 1, ffn: 48)], LayerNormPlacement.Pre },
        {
            "per-layer heads, head sizes and FFN widths",
            [Layer(LayerOp.FullLayer, 32, heads: 4, headSize: 8, ffn: 48), Layer(LayerOp.FullLayer, 32, heads: 1, headSize: 16, ffn: 96),
                Layer(LayerOp.FullLayer, 32, heads: 3, headSize: 16, ffn: 32)],
            LayerNormPlacement.Post
        },
        {
            "NAS-BERT operations with hidden-size transfers",
            [Layer(LayerOp.Attention, 32), Layer(LayerOp.Ffn, 32, ffn: 48), Layer(LayerOp.SepConv3, 16), Layer(LayerOp.SepConv7, 16),
                Layer(LayerOp.Identity, 16), Layer(LayerOp.SepConv5, 24), Layer(LayerOp.Ffn, 24, ffn: 40)],
            LayerNormPlacement.Post
        },
        {
            "pre-LayerNorm NAS-BERT operations",
            [Layer(LayerOp.Attention, 32), Layer(LayerOp.Ffn, 32, ffn: 48), Layer(LayerOp.SepConv3, 16), Layer(LayerOp.SepConv7, 16),
                Layer(LayerOp.Identity, 16), Layer(LayerOp.SepConv5, 24), Layer(LayerOp.Ffn, 24, ffn: 40)],
            LayerNormPlacement.Pre
        },
        {
            "length reduction with Drop-and-Restore",
            [Layer(LayerOp.FullLayer, 32, keep: 12), Layer(LayerOp.FullLayer, 32, heads: 1, keep: 7), Layer(LayerOp.FullLayer, 32, keep: 3)],
            LayerNormPlacement.Post
        },
        {
            "pre-LayerNorm length reduction",
            [Layer(LayerOp.FullLayer, 32, keep: 12), Layer(LayerOp.FullLayer, 32, heads: 1, keep: 7), Layer(LayerOp.FullLayer, 32, keep: 3)],
            LayerNormPlacement.Pre
        },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void Ort_computes_the_logits_and_hidden_states_of_the_subnet(string kind, LayerShape[] layers, LayerNormPlacement placement)
    {
        using var scope = torch.NewDisposeScope();
        using var model = RandomModel(layers, placement);
        var path = Path.Combine(directory, "model.onnx");
        OnnxSubnet.Save(path, model, new Dictionary<string, string> { ["kind"] = kind });

        // Three texts padded to 16 tokens, then one unpadded text of another length and batch size (dynamic axes).
        foreach (var lengths in new[] { new[] { 16, 10, 5 }, new[] { 9 } })
        {
            var (ids, mask) = Inputs(lengths, lengths.Max());
            var outputs = NodeClient.RunOnnx(path, ids, mask);
            var (logits, hidden) = Expected(model, ids, mask);

            outputs[OnnxSubnet.Logits].Dims.Should().Equal(lengths.Length, Classes);
            MaxDifference(outputs[OnnxSubnet.Logits].Data, logits, _ => true).Should().BeLessThan(1e-4f, kind);
            var width = model.Plan.LastHidden;
            var sequence = ids[0].Length;
            outputs[OnnxSubnet.LastHiddenState].Dims.Should().Equal(lengths.Length, sequence, width);
            // A padding position's state may differ where tokens tie at zero attention; real tokens never attend to it.
            MaxDifference(outputs[OnnxSubnet.LastHiddenState].Data, hidden, i => mask[i / (sequence * width)][i / width % sequence] == 1)
                .Should().BeLessThan(1e-4f, kind);
            logits.Select(Math.Abs).Max().Should().BeGreaterThan(0.1f, "a comparison of zeros would show nothing");
        }
    }

    [Fact]
    public void The_model_declares_opset_17_and_dynamic_batch_and_sequence_axes()
    {
        using var scope = torch.NewDisposeScope();
        using var model = RandomModel([Layer(LayerOp.FullLayer, 32)], LayerNormPlacement.Post);
        var bytes = OnnxSubnet.Build(model).ToModel("DslNas", "test", new Dictionary<string, string>());
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        // opset_import { domain: "" version: 17 } is field 8: tag 0x42, length 4, then domain (0x0A 0x00) and version (0x10 0x11).
        text.Should().Contain("\u0042\u0004\u000A\u0000\u0010\u0011");
        text.Should().Contain("batch").And.Contain("sequence").And.Contain(OnnxSubnet.InputIds).And.Contain(OnnxSubnet.AttentionMask);
    }

    /// <summary>A model of the plan whose every weight is random, so that a swapped or transposed weight shows.</summary>
    private static ExtractedSubnet RandomModel(LayerShape[] layers, LayerNormPlacement placement)
    {
        torch.manual_seed(3);
        var model = ExtractedSubnet.Create(new SubnetPlan(layers), new SupernetOptions(Vocabulary, MaxPositions, Classes, 0.1, placement));
        using (torch.no_grad())
            foreach (var parameter in model.parameters()) parameter.normal_(0, 0.5);
        model.eval();
        return model;
    }

    private static (long[][] Ids, long[][] Mask) Inputs(int[] lengths, int sequence)
    {
        var random = new Random(lengths.Length);
        var ids = lengths.Select(n => Enumerable.Range(0, sequence).Select(i => i < n ? (long)random.Next(5, Vocabulary) : 0L).ToArray()).ToArray();
        var mask = lengths.Select(n => Enumerable.Range(0, sequence).Select(i => i < n ? 1L : 0L).ToArray()).ToArray();
        return (ids, mask);
    }

    private static (float[] Logits, float[] Hidden) Expected(ExtractedSubnet model, long[][] ids, long[][] mask)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        long[] shape = [ids.Length, ids[0].Length];
        var idTensor = torch.tensor(ids.SelectMany(r => r).ToArray(), shape);
        var maskTensor = torch.tensor(mask.SelectMany(r => r).ToArray(), shape);
        return (model.Classify(idTensor, maskTensor).ToArray<float>(), model.forward(idTensor, maskTensor).ToArray<float>());
    }

    private static float MaxDifference(float[] actual, float[] expected, Func<int, bool> compared)
    {
        actual.Length.Should().Be(expected.Length);
        return Enumerable.Range(0, actual.Length).Where(compared).Max(i => Math.Abs(actual[i] - expected[i]));
    }
}
