using DslNas.Engine;
using DslNas.Methods.NasBert;
using DslNas.Nn;
using DslNas.Runs;

namespace DslNas.Spaces.Tests.NasBertMethod;

public sealed class BlockCandidatesTests
{
    [Fact]
    public void The_tiny_space_splits_into_two_blocks_of_twenty_four_paths_whose_sizes_add_up()
    {
        var engine = TinyBlocks.Space.Engine;
        var candidates = BlockCandidates.For(engine);
        candidates.BlockSize.Should().Be(2);
        candidates.Blocks.Should().HaveCount(2);
        candidates.Blocks.Should().AllSatisfy(b => b.Should().HaveCount(2 * 3 * 4, "two hidden sizes, a real first slot, any second slot"));
        foreach (var first in candidates.Blocks[0].Where(c => candidates.Plan(c).FirstHidden == 32))
        foreach (var second in candidates.Blocks[1].Where(c => candidates.Plan(c).FirstHidden == 32))
            engine.Parameters(candidates.Compose([first, second])).Should().Be(first.Parameters + second.Parameters, "one hidden size: no transfer between the blocks");
        var path = candidates.Blocks[1].First(c => candidates.Describe(c) == "h=16 SepConv3,Identity");
        candidates.Plan(path).Layers.Select(l => l.Op).Should().Equal(LayerOp.SepConv3, LayerOp.Identity);
        path.Parameters.Should().Be(16 * 3 + 16 + 16 * 16 + 16 + 2 * 16);
    }

    [Fact]
    public void The_seed_space_has_97650_paths_per_block_as_the_paper_counts()
    {
        var candidates = BlockCandidates.For(NasBert.Space.Engine);
        candidates.Blocks.Should().HaveCount(4);
        candidates.Blocks.Should().AllSatisfy(b => b.Should().HaveCount(97_650));
    }

    [Fact]
    public void The_small_seed_space_has_2340_paths_per_block_as_the_notes_scale_them()
    {
        var candidates = BlockCandidates.For(NasBertSmall.Space.Engine);
        candidates.Blocks.Should().HaveCount(2);
        candidates.Blocks.Should().AllSatisfy(b => b.Should().HaveCount(3 * (5 + 25 + 125 + 625)));
        NasBertSmall.Space.Count.Should().Be(new System.Numerics.BigInteger(2_340 * 2_340));
    }

    [Fact]
    public void The_method_accepts_spaces_with_ops_and_blocks_and_names_what_others_lack()
    {
        var method = new DslNas.Methods.NasBert.NasBertMethod();
        method.Rejects(SpaceCatalog.Get("tiny-blocks")).Should().BeNull();
        method.Rejects(SpaceCatalog.Get("nas-bert")).Should().BeNull();
        method.Rejects(SpaceCatalog.Get("nas-bert-small")).Should().BeNull();
        method.Rejects(SpaceCatalog.Get("tiny-lengths")).Should().Be("the space has no [Op] and no [PerBlock] dimension");
    }

    [Fact]
    public void The_uniform_baseline_alternates_attention_and_ffn_at_one_width_and_is_the_largest_within_the_budget()
    {
        var engine = TinyBlocks.Space.Engine;
        var all = UniformBertBaseline.All(engine, 2);
        all.Should().HaveCount(4, "two widths, one or two real slots per block");
        var largest = all.Max(g => engine.Parameters(g));
        var chosen = UniformBertBaseline.Within(engine, 2, largest - 1);
        engine.Parameters(chosen).Should().Be(all.Select(g => engine.Parameters(g)).Where(p => p < largest).Max());
        engine.Plan(chosen).Layers.Select(l => l.Op).Distinct().Should().BeSubsetOf([LayerOp.Attention, LayerOp.Ffn, LayerOp.Identity]);
        engine.Plan(chosen).Layers.Select(l => l.Hidden).Distinct().Should().HaveCount(1);
        FluentActions.Invoking(() => UniformBertBaseline.Within(engine, 2, 10)).Should().Throw<RunInputException>()
            .WithMessage($"*no uniform BERT-style baseline has at most 10 parameters; the smallest has {all.Min(g => engine.Parameters(g)):N0}*");
    }
}
