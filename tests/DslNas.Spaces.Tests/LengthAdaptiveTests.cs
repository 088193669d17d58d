namespace DslNas.Spaces.Tests;

public sealed class LengthAdaptiveTests
{
    [Fact]
    public void Non_increasing_lengths_count_as_multisets()
    {
        // Non-increasing sequences of 12 lengths from 8 values: C(8 + 12 - 1, 12).
        LengthAdaptive.Space.Count.Should().Be(50_388);
        LengthAdaptive.Space.Enumerate().Count().Should().Be(50_388);
        LengthAdaptive.Space.Dimensions.Single(d => d.Name == "SeqLength").Labels.Should().Equal("16", "32", "48", "64", "80", "96", "112", "128");
    }

    [Fact]
    public void Shorter_lengths_cost_fewer_flops_and_the_same_parameters()
    {
        var full = LengthAdaptive.FullLength;
        var dropped = full with { SeqLength = [128, 128, 112, 96, 96, 80, 64, 64, 48, 32, 32, 16] };
        LengthAdaptive.Space.Contains(dropped).Should().BeTrue();
        dropped.Parameters().Should().Be(full.Parameters());
        dropped.Flops(128).Should().BeLessThan(full.Flops(128));
        const long h = 256, a = 4, d = 64, f = 1024;
        long Attention(long n) => 6 * n * h * a * d + 4 * n * n * a * d + 2 * n * a * d * h;
        full.Flops(128).Should().Be(12 * (Attention(128) + 4 * 128 * h * f));
    }

    [Fact]
    public void The_largest_keeps_every_token_and_the_smallest_the_fewest()
    {
        LengthAdaptive.Space.Engine.ExtremeSequenceLength.Should().Be(128, "FLOPs rank at the longest length the space allows");
        LengthAdaptive.Space.Largest.SeqLength.Should().Equal(Layered.Repeat(128, 12));
        LengthAdaptive.Space.Smallest.SeqLength.Should().Equal(Layered.Repeat(16, 12));
    }

    [Fact]
    public void Samples_never_grow()
    {
        var random = new Random(11);
        for (var i = 0; i < 500; i++)
        {
            var x = LengthAdaptive.Space.Sample(random);
            x.SeqLength.Zip(x.SeqLength.Skip(1)).Should().OnlyContain(p => p.Second <= p.First);
        }
        LengthAdaptive.Space.Validate(LengthAdaptive.FullLength with { SeqLength = [128, 64, 96, 16, 16, 16, 16, 16, 16, 16, 16, 16] })
            .Should().ContainSingle().Which.Should().Contain("layer 2").And.Contain("previous SeqLength = 64").And.Contain("SeqLength = 96");
    }
}
