using DslNas.Torch.Nn;

namespace DslNas.Spaces.Tests;

public sealed class BortTests
{
    [Fact]
    public void The_grid_holds_300_architectures_and_enumerates_them()
    {
        Bort.Space.Count.Should().Be(300);
        var all = Bort.Space.Enumerate().ToList();
        all.Should().HaveCount(300).And.OnlyHaveUniqueItems();
        all.Should().OnlyContain(b => b.Hidden % b.Heads == 0);
        all.Should().Contain(b => b.Heads == 12 && b.Hidden == 768).And.NotContain(b => b.Heads == 12 && b.Hidden == 1024);
    }

    [Fact]
    public void Sampling_is_uniform_over_the_grid()
    {
        var random = new Random(5);
        Chi.ShouldBeUniform(Enumerable.Range(0, 150_000).Select(_ => Bort.Space.Sample(random)), 300);
    }

    [Fact]
    public void Presets_are_validated_and_the_reference_preset_lies_outside()
    {
        Bort.Space.Presets.Keys.Should().BeEquivalentTo("bert-large", "bort");
        Bort.Space.Contains(Bort.Result).Should().BeTrue();
        Bort.Space.ReferencePresets.Should().Equal("bert-large");
        Bort.Space.Validate(Bort.BertLarge).Should().Equal(
            "Layers = 24 is not a candidate; allowed: 2, 4, 6, 8, 10, 12",
            "FfnSize = 4096 is not a candidate; allowed: 256, 512, 768, 1024, 3072");
        Bort.Space.Validate(Bort.Result with { Heads = 12 }).Should().ContainSingle().Which.Should().Contain("heads divide the hidden size").And.Contain("Heads = 12");
    }

    [Fact]
    public void Parameters_equal_the_dense_encoder_and_reference_presets_have_costs()
    {
        var random = new Random(6);
        foreach (var bort in new[] { Bort.Space.Smallest, Bort.Result }.Concat(Enumerable.Range(0, 3).Select(_ => Bort.Space.Sample(random))))
        {
            var shape = new EncoderLayerShape(bort.Heads, bort.Hidden / bort.Heads, bort.FfnSize);
            using var encoder = new TransformerEncoder(new TransformerEncoderConfig(100, 32, bort.Hidden, Enumerable.Repeat(shape, bort.Layers).ToArray()));
            bort.Parameters(100, 32).Should().Be(encoder.parameter_count(), $"{bort}");
        }
        const long h = 1024, f = 4096;
        var layer = 4 * (h * h + h) + 2 * h + (h * f + f + f * h + h) + 2 * h;
        Bort.BertLarge.Parameters().Should().Be(24 * layer);
        Bort.Space.Largest.Should().Be(new Bort { Layers = 12, Heads = 4, Hidden = 1024, FfnSize = 3072 });
        Bort.Space.Smallest.Should().Be(Bort.Space.Enumerate().MinBy(b => (b.Flops(128), b.Parameters())));
    }
}
