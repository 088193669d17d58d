using DslNas.Torch;
using DslNas.Torch.Nn;

namespace DslNas.Torch.Tests;

public sealed class ModuleTests
{
    [Fact]
    public void Parameters_are_registered_under_dotted_names()
    {
        using var encoder = new TransformerEncoder(new TransformerEncoderConfig(100, 32, 16,
            [new EncoderLayerShape(2, 8, 64), new EncoderLayerShape(4, 4, 32, ValueSize: 6)]));
        var names = encoder.named_parameters().Select(p => p.Key).ToList();
        names.Should().Contain(["token_embedding.weight", "position_embedding.weight", "embedding_norm.weight",
            "layer0.attention.query.weight", "layer1.attention.value.bias", "layer1.output_norm.bias"]);
        names.Should().OnlyHaveUniqueItems();
        var parameters = encoder.named_parameters().ToDictionary(p => p.Key, p => p.Value);
        parameters["layer1.attention.value.weight"].shape.Should().Equal(24, 16);
        parameters["layer1.attention.output.weight"].shape.Should().Equal(16, 24);
        parameters["layer0.intermediate.weight"].shape.Should().Equal(64, 16);
    }

    [Fact]
    public void The_parameter_count_follows_the_layer_shapes()
    {
        const int vocab = 100, positions = 32, hidden = 16;
        using var encoder = new TransformerEncoder(new TransformerEncoderConfig(vocab, positions, hidden, [new EncoderLayerShape(2, 8, 64)]));
        long attention = 3 * (hidden * 16 + 16) + (16 * hidden + hidden);
        long ffn = hidden * 64 + 64 + 64 * hidden + hidden;
        long norms = 3 * 2 * hidden;
        encoder.parameter_count().Should().Be((vocab + positions) * hidden + attention + ffn + norms);
    }

    [Fact]
    public void Eval_mode_turns_dropout_off_everywhere()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        using var encoder = new TransformerEncoder(TransformerEncoderConfig.Uniform(30, 8, 16, 2, 2, 32, dropout: 0.5));
        var ids = torch.randint(0, 30, [2, 8]);
        encoder.forward(ids).allclose(encoder.forward(ids)).Should().BeFalse("dropout is on while training");
        encoder.eval();
        encoder.Layers[1].dropout.training.Should().BeFalse();
        encoder.forward(ids).allclose(encoder.forward(ids)).Should().BeTrue();
    }

    [Fact]
    public void Padding_positions_do_not_change_the_real_tokens_outputs()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(2);
        using var encoder = new TransformerEncoder(TransformerEncoderConfig.Uniform(30, 8, 16, 2, 2, 32, dropout: 0));
        var short_ = torch.tensor(new long[] { 5, 6, 7 }, [1, 3]);
        var padded = torch.tensor(new long[] { 5, 6, 7, 0, 0 }, [1, 5]);
        var keep = torch.tensor(new long[] { 1, 1, 1, 0, 0 }, [1, 5]);
        encoder.forward(padded, keep).narrow(1, 0, 3).allclose(encoder.forward(short_), atol: 1e-5).Should().BeTrue();
    }

    [Fact]
    public void State_dicts_copy_between_modules_and_mismatches_are_named()
    {
        using var scope = torch.NewDisposeScope();
        using var a = new Linear(3, 2);
        using var b = new Linear(3, 2);
        b.load_state_dict(a.state_dict());
        b.weight.ToArray<float>().Should().Equal(a.weight.ToArray<float>());
        using var c = new Linear(4, 2);
        c.Invoking(m => m.load_state_dict(a.state_dict())).Should().Throw<ArgumentException>().WithMessage("*'weight'*[2, 3]*[2, 4]*");
        using var d = new Linear(3, 2, bias: false);
        d.Invoking(m => m.load_state_dict(a.state_dict())).Should().Throw<ArgumentException>().WithMessage("*unexpected [bias]*");
    }

    [Fact]
    public void Linear_initializes_as_pytorch_and_computes_x_w_transposed_plus_b()
    {
        using var scope = torch.NewDisposeScope();
        using var linear = new Linear(100, 50);
        linear.weight.abs().max().item<float>().Should().BeLessThanOrEqualTo(0.1f);
        linear.weight.CopyFrom<float>(Enumerable.Range(0, 5000).Select(i => i % 3 == 0 ? 1f : 0f).ToArray());
        using (torch.no_grad()) linear.bias!.fill_(0.5);
        var y = linear.forward(torch.ones([1, 100]));
        y.select(1, 0).item<float>().Should().Be(34.5f);
    }
}
