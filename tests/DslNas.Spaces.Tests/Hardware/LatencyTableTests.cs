using DslNas.Engine;
using DslNas.Hardware;
using DslNas.Nn;

namespace DslNas.Spaces.Tests.Hardware;

public sealed class LatencyTableTests
{
    private static readonly LatencyMeterSettings Settings = new(8, 1, 0, 1, 1);

    private static LatencyTable HandTable(string space, double constant, params (LatencyPart Part, double Ms)[] parts) =>
        new(space, LatencyTable.Signature(SpaceCatalog.Get(space).Engine), MachineIdentity.Current, Settings,
            parts.Select(p => new LatencyTableEntry(p.Part, p.Ms, p.Ms, p.Ms)).ToList(), constant, [], DateTime.UtcNow);

    private static LayerShape Full(long heads, long headSize, long ffn) => new(LayerOp.FullLayer, 256, heads, headSize, ffn, long.MaxValue);

    [Fact]
    public void A_hand_built_fast_transformer_costs_the_sum_of_its_layers_and_embeddings_plus_the_constant()
    {
        var table = HandTable("fast-transformer", 0.25,
            (LatencyPart.Embedding(256, 8), 1.0),
            (LatencyPart.Layer(Full(4, 64, 1024), 8, 8), 2.0),
            (LatencyPart.Layer(Full(1, 16, 256), 8, 8), 0.5),
            (LatencyPart.Layer(Full(8, 32, 512), 8, 8), 7.0));
        var architecture = new FastTransformer { Layers = 4, Hidden = 256, Heads = [4, 1, 4, 1], HeadSize = [64, 16, 64, 16], FfnSize = [1024, 256, 1024, 256] };
        var plan = FastTransformer.Space.Engine.Plan(FastTransformer.Space.ToGenes(architecture));

        table.Estimate(plan).Should().Be(1.0 + 2.0 + 0.5 + 2.0 + 0.5 + 0.25);
        table.Breakdown(plan).Select(p => p.Ms).Should().Equal(1.0, 2.0, 0.5, 2.0, 0.5);
    }

    [Fact]
    public void A_nas_bert_like_plan_splits_into_embeddings_operations_and_a_transfer_where_the_hidden_size_changes()
    {
        var architecture = new TinyBlocks { Layers = 4, Hidden = [16, 16, 32, 32], Heads = 2, Ops = [Op.Attention, Op.Identity, Op.SepConv3, Op.Ffn] };
        var plan = TinyBlocks.Space.Engine.Plan(TinyBlocks.Space.ToGenes(architecture));

        LatencyParts.Of(plan, 8).Should().Equal(
            LatencyPart.Embedding(16, 8),
            new LatencyPart(LatencyPartKind.Layer, LayerOp.Attention, 16, 16, 2, 8, 0, 8, 8),
            LatencyPart.Transfer(16, 32, 8),
            new LatencyPart(LatencyPartKind.Layer, LayerOp.SepConv3, 32, 32, 0, 0, 0, 8, 8),
            new LatencyPart(LatencyPartKind.Layer, LayerOp.Ffn, 32, 32, 0, 0, 128, 8, 8));
    }

    [Fact]
    public void A_layer_that_keeps_fewer_tokens_is_its_own_part_and_the_next_layer_receives_what_it_kept()
    {
        var architecture = new TinyLengths { Layers = 3, Hidden = 32, Heads = [2, 2, 1], FfnSize = [64, 64, 32], SeqLength = [16, 8, 8] };
        var plan = TinyLengths.Space.Engine.Plan(TinyLengths.Space.ToGenes(architecture));

        LatencyParts.Of(plan, 16).Skip(1).Select(p => (p.TokensIn, p.TokensOut)).Should().Equal((16L, 16L), (16L, 8L), (8L, 8L));
        LatencyParts.Of(plan, 12).Skip(1).Select(p => (p.TokensIn, p.TokensOut)).Should().Equal((12L, 12L), (12L, 8L), (8L, 8L));
    }

    [Theory]
    [InlineData("fast-transformer", 64)]
    [InlineData("nas-bert", 64)]
    [InlineData("bort", 64)]
    [InlineData("length-adaptive", 128)]
    [InlineData("length-adaptive", 100)]
    [InlineData("tiny-lengths", 16)]
    [InlineData("tiny-blocks", 8)]
    public void The_parts_of_a_space_cover_every_part_of_its_architectures(string name, int tokens)
    {
        var engine = SpaceCatalog.Get(name).Engine;
        var parts = LatencyParts.OfSpace(engine, tokens).ToHashSet();
        parts.Should().OnlyHaveUniqueItems();
        var random = new Random(3);
        var plans = Enumerable.Range(0, 200).Select(_ => engine.Sample(random)).Append(engine.Extreme(true)).Append(engine.Extreme(false)).Select(engine.Plan);
        foreach (var plan in plans)
            LatencyParts.Of(plan, tokens).Where(p => !parts.Contains(p)).Should().BeEmpty($"every part of {plan} is in the space's table");
    }

    [Fact]
    public void A_part_the_table_does_not_hold_is_an_error_that_names_it_and_how_to_build_a_table()
    {
        var table = HandTable("fast-transformer", 0, (LatencyPart.Embedding(256, 8), 1.0));
        var plan = FastTransformer.Space.Engine.Plan(FastTransformer.Space.Engine.Extreme(largest: true));
        FluentActions.Invoking(() => table.Estimate(plan)).Should().Throw<InvalidOperationException>()
            .WithMessage("*no entry for layer h=256*latency-table --space fast-transformer*");
    }
}
