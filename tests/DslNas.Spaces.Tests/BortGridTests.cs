using DslNas.Methods.Bort;
using DslNas.Runs;
using DslNas.Torch.Nn;

namespace DslNas.Spaces.Tests;

public sealed class BortGridTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(16)]
    public void Dividing_the_hidden_sizes_by_8_or_16_keeps_all_300_candidates_and_their_depths_heads_and_ffn_widths(int divisor)
    {
        var grid = BortGrid.Enumerate(Bort.Space.Engine, divisor, 128);
        grid.Should().HaveCount(300);
        grid.Select(c => c.Hidden).Distinct().Order().Should().Equal(512 / divisor, 768 / divisor, 1024 / divisor);
        grid.Select(c => (c.Layers, c.Heads, c.Ffn)).Distinct().Should().HaveCount(Bort.Space.Enumerate().Select(b => (b.Layers, b.Heads, b.FfnSize)).Distinct().Count());
        grid.Should().OnlyContain(c => c.Hidden % c.Heads == 0);
    }

    [Fact]
    public void Effective_parameters_are_the_dense_encoders_less_its_embeddings_and_flops_are_the_spaces()
    {
        var grid = BortGrid.Enumerate(Bort.Space.Engine, 16, 32);
        foreach (var candidate in grid.Where((_, i) => i % 37 == 0))
        {
            using var encoder = new TransformerEncoder(candidate.Config(100, 32));
            var embeddings = (100 + 32) * candidate.Hidden + 2 * candidate.Hidden;
            candidate.Parameters.Should().Be(encoder.parameter_count() - embeddings, candidate.Name);
        }
        var paper = BortGrid.Enumerate(Bort.Space.Engine, 1, 128);
        var result = paper.Single(c => c.Name == "D4-A8-H1024-I768");
        result.Parameters.Should().Be(Bort.Result.Parameters());
        result.Flops.Should().Be(Bort.Result.Flops(128));
        paper[BortGrid.MaximumOf(paper)].Name.Should().Be("D12-A16-H1024-I3072");
    }

    [Fact]
    public void A_divisor_that_loses_candidates_is_refused_with_how_many()
    {
        var enumerate = () => BortGrid.Enumerate(Bort.Space.Engine, 32, 128);
        enumerate.Should().Throw<RunInputException>().WithMessage("--hidden-divisor 32 changes the grid's shape: * of 300 architectures would be lost*");
    }
}
