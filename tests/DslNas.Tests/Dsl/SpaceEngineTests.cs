using System.Numerics;
using DslNas.Engine;
using DslNas.Torch.Nn;

namespace DslNas.Tests.Dsl;

public sealed class SpaceEngineTests
{
    private static DimensionSpec Dim(string name, Role role, bool perLayer, params double[] values) =>
        new(name, role, perLayer, 0, values, values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());

    private static ConstraintSpec Rule(string name, Func<double[], bool> predicate, params ConstraintArgument[] arguments) =>
        new(name, name, arguments, predicate);

    private static ConstraintArgument Cur(int dimension) => new(ArgumentKind.Current, dimension);
    private static ConstraintArgument Prev(int dimension) => new(ArgumentKind.Previous, dimension);

    /// <summary>Layers {1,2,3}, Hidden {8,16}, per-layer Heads {1,2,4} and HeadSize {2,4}; heads x size fits hidden; heads never grow.</summary>
    private static SpaceEngine Small() => new(
        [Dim("Layers", Role.Layers, false, 1, 2, 3), Dim("Hidden", Role.Hidden, false, 8, 16), Dim("Heads", Role.Heads, true, 1, 2, 4), Dim("HeadSize", Role.HeadSize, true, 2, 4)],
        [
            Rule("fits", a => a[0] * a[1] <= a[2], Cur(2), Cur(3), Cur(1)),
            Rule("non-increasing heads", a => a[1] <= a[0], Prev(2), Cur(2)),
        ]);

    private static List<string> BruteForce()
    {
        var valid = new List<string>();
        foreach (var layers in new[] { 1, 2, 3 })
        foreach (var hidden in new[] { 8, 16 })
        {
            var tuples = (from heads in new[] { 1, 2, 4 } from size in new[] { 2, 4 } select (heads, size)).ToArray();
            foreach (var chain in Chains(tuples, layers))
            {
                if (chain.Any(t => t.heads * t.size > hidden)) continue;
                if (chain.Zip(chain.Skip(1)).Any(p => p.Second.heads > p.First.heads)) continue;
                valid.Add($"{layers}|{hidden}|{string.Join(",", chain)}");
            }
        }
        return valid;
    }

    private static IEnumerable<(int heads, int size)[]> Chains((int heads, int size)[] tuples, int length) =>
        length == 0 ? [[]] : Chains(tuples, length - 1).SelectMany(prefix => tuples.Select(t => prefix.Append(t).ToArray()));

    private static string Key(SpaceEngine engine, Genes genes)
    {
        var values = engine.ToValues(genes);
        var chain = Enumerable.Range(0, genes.Layers.Length).Select(i => ((int)values[2][i], (int)values[3][i]));
        return $"{(int)values[0][0]}|{(int)values[1][0]}|{string.Join(",", chain)}";
    }

    [Fact]
    public void Count_and_enumeration_equal_brute_force()
    {
        var engine = Small();
        var expected = BruteForce();
        engine.Count.Should().Be(new BigInteger(expected.Count));
        engine.Enumerate().Select(g => Key(engine, g)).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void Sampling_is_uniform_over_valid_architectures()
    {
        var engine = Small();
        var categories = BruteForce().Count;
        const int draws = 60_000;
        var random = new Random(1);
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < draws; i++)
        {
            var key = Key(engine, engine.Sample(random));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        counts.Should().HaveCount(categories);
        var expected = (double)draws / categories;
        var chiSquare = counts.Values.Sum(c => (c - expected) * (c - expected) / expected);
        var freedom = categories - 1;
        chiSquare.Should().BeLessThan(freedom + 4 * Math.Sqrt(2.0 * freedom), "a uniform sampler rarely strays this far (p < 1e-4)");
    }

    [Fact]
    public void Mutation_crossover_and_decoding_always_give_valid_architectures()
    {
        var engine = Small();
        var random = new Random(2);
        var seen = new HashSet<string>();
        for (var i = 0; i < 2000; i++)
        {
            var a = engine.Sample(random);
            var b = engine.Sample(random);
            var mutated = engine.Mutate(a, 0.5, random);
            var child = engine.Crossover(a, b, random);
            engine.Contains(mutated).Should().BeTrue();
            engine.Contains(child).Should().BeTrue();
            engine.Decode(engine.Encode(mutated)).Should().Be(mutated);
            seen.Add(Key(engine, mutated));
        }
        seen.Count.Should().BeGreaterThan(BruteForce().Count / 2, "mutation explores the space");
    }

    [Fact]
    public void Invalid_encodings_and_values_are_refused_naming_the_dimension()
    {
        var engine = Small();
        var code = engine.Encode(engine.Sample(new Random(3)));
        code[1] = 7;
        engine.Invoking(e => e.Decode(code)).Should().Throw<ArgumentException>().WithMessage("*Hidden*index 7*0..1*");
        var (genes, problems) = engine.FromValues([[2], [8], [4, 2], [4, 2]]);
        genes.Should().BeNull();
        problems.Should().ContainSingle().Which.Should().Contain("'fits'").And.Contain("layer 0").And.Contain("Heads = 4");
        engine.FromValues([[2], [12], [1, 1], [2, 2]]).Problems.Should().ContainSingle().Which.Should().Contain("Hidden = 12 is not a candidate; allowed: 8, 16");
        engine.FromValues([[2], [8], [1], [2]]).Problems.Should().Contain(p => p.Contains("Heads has 1 values but the architecture has 2 layers"));
        engine.FromValues([[2], [16], [1, 2], [2, 2]]).Problems.Should().ContainSingle().Which.Should().Contain("non-increasing heads").And.Contain("layer 1");
    }

    /// <summary>
    /// 4 slots in blocks of 2; hidden per block {8, 16}; ops {Attention, Ffn, Identity}; a block starts with a real op
    /// and identity only follows identity.
    /// </summary>
    private static SpaceEngine Blocks() => new(
        [
            Dim("Layers", Role.Layers, false, 4),
            new DimensionSpec("Hidden", Role.Hidden, true, 2, [8, 16], ["8", "16"]),
            Dim("Ops", Role.Op, true, (int)Op.Attention, (int)Op.Ffn, (int)Op.Identity),
            Dim("Heads", Role.Heads, false, 2),
        ],
        [
            Rule("starts real", a => a[1] % 2 != 0 || a[0] != (int)Op.Identity, Cur(2), new ConstraintArgument(ArgumentKind.LayerIndex, -1)),
            Rule("identity at tail", a => a[2] % 2 == 0 || a[0] != (int)Op.Identity || a[1] == (int)Op.Identity, Prev(2), Cur(2), new ConstraintArgument(ArgumentKind.LayerIndex, -1)),
        ]);

    [Fact]
    public void Blocks_and_tail_rules_count_as_nas_bert_does()
    {
        // Per block 2 x (2 + 2^2) = 12, so 12^2 in all.
        var engine = Blocks();
        engine.Count.Should().Be(144);
        engine.Enumerate().Count().Should().Be(144);
        engine.IsCandidateUsable(2, 2).Should().BeTrue();
    }

    [Fact]
    public void Each_layer_runs_its_slot_operation_or_a_full_layer_without_an_op_dimension()
    {
        var blocks = Blocks();
        var (genes, problems) = blocks.FromValues([[4], [8, 8, 16, 16], [(int)Op.Ffn, (int)Op.Identity, (int)Op.Attention, (int)Op.Ffn], [2]]);
        problems.Should().BeEmpty();
        blocks.Layers(blocks.ToValues(genes!)).Select(l => l.Op).Should().Equal(LayerOp.Ffn, LayerOp.Identity, LayerOp.Attention, LayerOp.Ffn);

        var small = Small();
        small.Layers(small.ToValues(small.Sample(new Random(1)))).Should().OnlyContain(l => l.Op == LayerOp.FullLayer);

        foreach (var op in Enum.GetValues<Op>())
            op.ToLayerOp().ToString().Should().Be(op.ToString(), "a slot runs the operation the space names");
    }

    [Fact]
    public void Separable_convolutions_name_their_kernel_width_and_other_operations_have_none()
    {
        new[] { LayerOp.SepConv3, LayerOp.SepConv5, LayerOp.SepConv7 }.Select(op => op.KernelSize()).Should().Equal(3, 5, 7);
        Enum.GetValues<LayerOp>().Where(op => op.IsSepConv()).Should().Equal(LayerOp.SepConv3, LayerOp.SepConv5, LayerOp.SepConv7);
        FluentActions.Invoking(() => LayerOp.Attention.KernelSize()).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*only a separable convolution*");
    }

    [Fact]
    public void Parameters_equal_the_dense_encoder_built_from_the_architecture()
    {
        var engine = Small();
        var random = new Random(4);
        for (var i = 0; i < 10; i++)
        {
            var genes = engine.Sample(random);
            var values = engine.ToValues(genes);
            var hidden = (int)values[1][0];
            var shapes = Enumerable.Range(0, genes.Layers.Length).Select(l => new EncoderLayerShape((int)values[2][l], (int)values[3][l], 4 * hidden)).ToArray();
            using var encoder = new TransformerEncoder(new TransformerEncoderConfig(50, 16, hidden, shapes));
            engine.Parameters(genes, 50, 16).Should().Be(encoder.parameter_count());
        }
    }

    /// <summary>
    /// Layers {2, 3}, Hidden {8}, Heads {2}, per-layer FfnSize {8, 64} and SeqLength {4, 8, 12}, with no rule on the
    /// lengths: a layer can keep more than an earlier layer kept, so the tokens reaching a layer are a running minimum.
    /// </summary>
    private static SpaceEngine FreeLengths() => new(
        [Dim("Layers", Role.Layers, false, 2, 3), Dim("Hidden", Role.Hidden, false, 8), Dim("Heads", Role.Heads, false, 2),
         Dim("FfnSize", Role.FfnSize, true, 8, 64), Dim("SeqLength", Role.SeqLength, true, 4, 8, 12)],
        []);

    public static TheoryData<string> ExtremeSpaces() => new("small", "blocks", "free-lengths");

    [Theory]
    [MemberData(nameof(ExtremeSpaces))]
    public void Largest_and_smallest_rank_every_architecture_by_flops_then_parameters(string name)
    {
        var engine = name switch { "small" => Small(), "blocks" => Blocks(), _ => FreeLengths() };
        var length = engine.ExtremeSequenceLength;
        (long Flops, long Parameters) Cost(Genes genes) => (engine.Flops(genes, length), engine.Parameters(genes));
        var all = engine.Enumerate().Select(Cost).ToList();
        Cost(engine.Extreme(largest: true)).Should().Be(all.Max());
        Cost(engine.Extreme(largest: false)).Should().Be(all.Min());
        all.Select(c => c.Flops).Distinct().Should().HaveCountGreaterThan(1, "the space must have FLOPs to rank");
    }

    [Fact]
    public void Flops_rank_at_the_longest_sequence_length_or_the_default()
    {
        FreeLengths().ExtremeSequenceLength.Should().Be(12);
        Small().ExtremeSequenceLength.Should().Be(SpaceEngine.DefaultSequenceLength).And.Be(128);
    }

    [Fact]
    public void Flops_follow_the_closed_form()
    {
        var engine = Small();
        var (genes, _) = engine.FromValues([[1], [16], [2], [4]]);
        const long n = 10, h = 16, a = 2, d = 4, f = 64;
        var attention = 3 * 2 * n * h * a * d + 2 * 2 * n * n * a * d + 2 * n * a * d * h;
        engine.Flops(genes!, 10).Should().Be(attention + 2 * 2 * n * h * f);
    }
}
