using DslNas.Nn;
using DslNas.Torch;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Spaces.Tests.NasBertMethod;

/// <summary>
/// A standalone model built from fresh weights (NAS-BERT's final models) starts as BERT and the supernet do: embeddings,
/// matrices and kernels Normal(0, 0.02), biases zero, layer norms one and zero; so its tied MLM logits start near
/// uniform over the vocabulary instead of tens of nats off.
/// </summary>
[Collection(nameof(ProcessGlobalCollection))]
public sealed class FreshSubnetInitializationTests
{
    private const int Vocabulary = 500;

    private static ExtractedSubnet Fresh(LayerNormPlacement layerNorm)
    {
        torch.manual_seed(7);
        return ExtractedSubnet.Create(
            TinyBlocks.Supernet.Plan(new TinyBlocks { Layers = 4, Heads = 2, Hidden = [32, 32, 32, 32], Ops = [Op.SepConv3, Op.Attention, Op.Ffn, Op.SepConv3] }),
            new SupernetOptions(Vocabulary, 16, Dropout: 0, LayerNorm: layerNorm));
    }

    [Theory]
    [InlineData(LayerNormPlacement.Post)]
    [InlineData(LayerNormPlacement.Pre)]
    public void Every_parameter_starts_bert_style(LayerNormPlacement layerNorm)
    {
        using var model = Fresh(layerNorm);
        foreach (var (name, parameter) in model.encoder.named_parameters())
        {
            var values = parameter.detach().ToArray<float>();
            if (name.Contains("norm.")) values.Should().OnlyContain(v => v == (name.EndsWith("weight") ? 1f : 0f), name);
            else if (name.EndsWith("bias")) values.Should().OnlyContain(v => v == 0f, name);
            else
            {
                var std = Math.Sqrt(values.Select(v => (double)v * v).Average());
                std.Should().BeInRange(0.015, 0.025, name);
            }
        }
    }

    [Fact]
    public void The_tied_mlm_logits_of_a_fresh_model_start_near_the_uniform_cross_entropy()
    {
        using var model = Fresh(LayerNormPlacement.Post);
        model.eval();
        using var scope = torch.NewDisposeScope();
        var ids = torch.randint(5, Vocabulary, [8, 16]);
        var logits = model.MaskedLanguageModel(ids, null).reshape(-1, Vocabulary);
        var loss = F.cross_entropy(logits, ids.reshape(-1)).item<double>();
        loss.Should().BeApproximately(Math.Log(Vocabulary), 0.5);
    }
}
