using DslNas.Nn;
using DslNas.Torch;
using DslNas.Torch.Nn;

namespace DslNas.Tests.Nn;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class EncoderTraceTests
{
    [Fact]
    public void A_dense_encoders_trace_ends_in_its_forward_output_and_records_every_layer()
    {
        torch.manual_seed(1);
        using var encoder = new TransformerEncoder(TransformerEncoderConfig.Uniform(30, 16, 24, 3, 3, 48, dropout: 0.1));
        encoder.eval();
        using var scope = torch.NewDisposeScope();
        var ids = torch.randint(5, 30, [2, 7]);
        var keep = torch.tensor(new long[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0 }, [2, 7]);
        var trace = SubnetRunner.Trace(encoder, ids, keep);

        trace.Layers.Should().Be(3);
        trace.HiddenStates.Should().HaveCount(4);
        trace.HiddenStates[0].ToArray<float>().Should().Equal(encoder.Embed(ids).ToArray<float>());
        trace.Output.ToArray<float>().Should().Equal(encoder.forward(ids, keep).ToArray<float>(), "the runner runs the encoder's own layers in its order");
        var mask = TransformerEncoder.AdditiveMask(keep);
        for (var layer = 0; layer < 3; layer++)
        {
            var (output, probabilities) = encoder.Layers[layer].Forward(trace.HiddenStates[layer], mask, keepProbabilities: true);
            trace.HiddenStates[layer + 1].ToArray<float>().Should().Equal(output.ToArray<float>(), $"layer {layer}");
            trace.Attention[layer]!.shape.Should().Equal(2, 3, 7, 7);
            trace.Attention[layer]!.ToArray<float>().Should().Equal(probabilities!.ToArray<float>(), $"layer {layer}");
            trace.Attention[layer]!.sum(-1).sub(1).abs().max().item<float>().Should().BeLessThan(1e-5f, "each query's attention is a distribution");
        }
    }

    [Fact]
    public void Tracing_in_training_mode_draws_the_same_dropout_as_the_forward_pass()
    {
        torch.manual_seed(2);
        using var encoder = new TransformerEncoder(TransformerEncoderConfig.Uniform(30, 16, 24, 2, 2, 48, dropout: 0.3));
        using var scope = torch.NewDisposeScope();
        var ids = torch.randint(5, 30, [2, 9]);
        torch.manual_seed(7);
        var forward = encoder.forward(ids).ToArray<float>();
        torch.manual_seed(7);
        SubnetRunner.Trace(encoder, ids, null).Output.ToArray<float>().Should().Equal(forward);
    }
}
