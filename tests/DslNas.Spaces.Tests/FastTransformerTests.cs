using System.Numerics;
using DslNas.Torch.Nn;

namespace DslNas.Spaces.Tests;

public sealed class FastTransformerTests
{
    [Fact]
    public void The_count_factors_by_layer()
    {
        var perLayer = (from heads in new[] { 1, 2, 4, 8 } from size in new[] { 16, 32, 64 } where heads * size <= 256 select 1).Count() * 3;
        perLayer.Should().Be(33);
        FastTransformer.Space.Count.Should().Be(BigInteger.Pow(33, 4) + BigInteger.Pow(33, 6) + BigInteger.Pow(33, 8));
    }

    [Fact]
    public void Parameters_equal_the_heterogeneous_dense_encoder_and_flops_follow_the_layers()
    {
        var random = new Random(9);
        for (var i = 0; i < 5; i++)
        {
            var x = FastTransformer.Space.Sample(random);
            var shapes = Enumerable.Range(0, x.Layers).Select(l => new EncoderLayerShape(x.Heads[l], x.HeadSize[l], x.FfnSize[l])).ToArray();
            using var encoder = new TransformerEncoder(new TransformerEncoderConfig(64, 16, 256, shapes));
            x.Parameters(64, 16).Should().Be(encoder.parameter_count());
            var n = 128L;
            var expected = Enumerable.Range(0, x.Layers).Sum(l =>
            {
                long a = x.Heads[l], d = x.HeadSize[l], f = x.FfnSize[l], h = 256;
                return 6 * n * h * a * d + 4 * n * n * a * d + 2 * n * a * d * h + 4 * n * h * f;
            });
            x.Flops(128).Should().Be(expected);
        }
    }

    [Fact]
    public void Validation_names_the_layer_and_the_allowed_values()
    {
        var x = FastTransformer.Base with { Heads = [4, 8, 4, 4], HeadSize = [64, 64, 64, 64] };
        FastTransformer.Space.Validate(x).Should().ContainSingle().Which.Should().Contain("layer 1").And.Contain("Heads = 8").And.Contain("HeadSize = 64");
#pragma warning disable DNAS0016 // deliberately outside the space: validation is under test
        FastTransformer.Space.Validate(FastTransformer.Base with { FfnSize = [1024, 1024, 1024, 1000] })
            .Should().ContainSingle().Which.Should().Be("FfnSize[3] = 1000 is not a candidate; allowed: 256, 512, 1024");
#pragma warning restore DNAS0016
        FastTransformer.Space.Validate(FastTransformer.Base with { Layers = 6 }).Should().Contain(p => p.Contains("Heads has 4 values but the architecture has 6 layers"));
        FluentActions.Invoking(() => FastTransformer.Space.Encode(FastTransformer.Base with { Layers = 6 })).Should().Throw<ArgumentException>().WithMessage("*fast-transformer*6 layers*");
    }

    [Fact]
    public void Mutation_keeps_the_depth_consistent_and_crossover_mixes_parents()
    {
        var random = new Random(10);
        for (var i = 0; i < 300; i++)
        {
            var a = FastTransformer.Space.Sample(random);
            var b = FastTransformer.Space.Sample(random);
            var m = FastTransformer.Space.Mutate(a, 0.5, random);
            var c = FastTransformer.Space.Crossover(a, b, random);
            foreach (var x in new[] { m, c })
            {
                x.Heads.Count.Should().Be(x.Layers);
                FastTransformer.Space.Validate(x).Should().BeEmpty();
            }
        }
        FastTransformer.Space.Mutate(FastTransformer.Base, 0, random).Should().Be(FastTransformer.Base, "rate 0 changes nothing");
    }
}
