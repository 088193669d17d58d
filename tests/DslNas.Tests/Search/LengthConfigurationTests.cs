using DslNas.Engine;
using DslNas.Nn;
using DslNas.Search.Lengths;

namespace DslNas.Tests.Search;

public sealed class LengthConfigurationTests
{
    [Fact]
    public void Constant_rate_keeps_the_ceiling_of_the_same_fraction_at_every_layer()
    {
        LengthConfiguration.ConstantRate(4, 64, 0.2).Lengths.Should().Equal(52, 42, 34, 28);
        LengthConfiguration.ConstantRate(3, 10, 0.0).Should().Be(LengthConfiguration.Full(3, 10));
        LengthConfiguration.ConstantRate(6, 4, 0.9).Lengths.Should().OnlyContain(l => l == LengthConfiguration.MinLength, "no layer keeps fewer than 2 tokens");
    }

    [Fact]
    public void Parsing_refuses_lengths_above_the_sequence_length_growing_lengths_and_a_wrong_layer_count()
    {
        LengthConfiguration.Parse("64, 50,50,3", 4, 64).Lengths.Should().Equal(64, 50, 50, 3);
        FluentActions.Invoking(() => LengthConfiguration.Parse("80,64,32,16", 4, 64)).Should().Throw<FormatException>()
            .WithMessage("*layer 1 keeps 80 tokens, more than the sequence length 64*");
        FluentActions.Invoking(() => LengthConfiguration.Parse("64,32,48,16", 4, 64)).Should().Throw<FormatException>()
            .WithMessage("*layer 3 keeps 48 tokens, more than layer 2 (32)*");
        FluentActions.Invoking(() => LengthConfiguration.Parse("64,32", 4, 64)).Should().Throw<FormatException>().WithMessage("*has 2 lengths; the model has 4 layers*");
        FluentActions.Invoking(() => LengthConfiguration.Parse("64,32,x,1", 4, 64)).Should().Throw<FormatException>().WithMessage("*'x' (layer 3) is not a whole number*");
        FluentActions.Invoking(() => LengthConfiguration.Parse("64,32,2,1", 4, 64)).Should().Throw<FormatException>().WithMessage("*layer 4 keeps 1 tokens; a layer keeps at least 2*");
    }

    [Fact]
    public void Applying_a_configuration_sets_each_layers_kept_tokens_and_nothing_else()
    {
        var plan = new SubnetPlan([new LayerShape(LayerOp.FullLayer, 32, 2, 16, 64, long.MaxValue), new LayerShape(LayerOp.FullLayer, 32, 1, 16, 32, long.MaxValue)]);
        var applied = new LengthConfiguration([12, 5], 16).Apply(plan);
        applied.Layers.Select(l => l.Keep).Should().Equal(12, 5);
        applied.Layers.Select(l => (l.Heads, l.Ffn)).Should().Equal((2L, 64L), (1L, 32L));
        FluentActions.Invoking(() => new LengthConfiguration([12, 5, 4], 16).Apply(plan)).Should().Throw<ArgumentException>().WithMessage("*3 layers, the model 2*");
    }
}
