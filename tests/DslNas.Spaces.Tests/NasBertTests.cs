using System.Numerics;

namespace DslNas.Spaces.Tests;

public sealed class NasBertTests
{
    private static bool TailsOnly(NasBert x) =>
        Enumerable.Range(0, 4).All(block =>
        {
            var ops = x.Ops.Skip(block * 6).Take(6).ToArray();
            var firstIdentity = Array.IndexOf(ops, Op.Identity);
            return ops[0] != Op.Identity && (firstIdentity < 0 || ops.Skip(firstIdentity).All(o => o == Op.Identity));
        });

    [Fact]
    public void The_count_is_97650_to_the_fourth()
    {
        var perBlock = 5 * Enumerable.Range(1, 6).Sum(k => (int)Math.Pow(5, k));
        perBlock.Should().Be(97_650);
        NasBert.Space.Count.Should().Be(BigInteger.Pow(perBlock, 4));
    }

    [Fact]
    public void Samples_mutations_crossovers_and_decodings_respect_blocks_and_tails()
    {
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var a = NasBert.Space.Sample(random);
            var b = NasBert.Space.Sample(random);
            foreach (var x in new[] { a, NasBert.Space.Mutate(a, 0.3, random), NasBert.Space.Crossover(a, b, random) })
            {
                x.Ops.Should().HaveCount(24);
                TailsOnly(x).Should().BeTrue($"{x.ToJson()}");
                Enumerable.Range(0, 24).Should().OnlyContain(l => x.Hidden[l] == x.Hidden[l / 6 * 6]);
                NasBert.Space.Contains(x).Should().BeTrue();
                NasBert.Space.Decode(NasBert.Space.Encode(x)).Should().Be(x);
            }
        }
    }

    [Fact]
    public void Json_round_trips_ops_by_name()
    {
        var x = NasBert.Space.Sample(new Random(8));
        var json = x.ToJson();
        json.Should().Contain("\"space\":\"nas-bert\"").And.Contain("\"Ops\":[\"");
        NasBert.Parse(json).Should().Be(x);
        FluentActions.Invoking(() => NasBert.Parse(json.Replace("\"Ops\":[\"", "\"Ops\":[\"Conv9\",\""))).Should().Throw<FormatException>().WithMessage("*Ops[0]*'Conv9' is not a candidate*");
    }

    [Fact]
    public void Per_block_hidden_sizes_add_transfer_layers_to_the_cost()
    {
        var uniform = new NasBert { Layers = 24, Heads = 4, Hidden = Layered.Repeat(256, 24), Ops = Layered.Repeat(Op.Ffn, 24) };
        var mixed = uniform with { Hidden = [.. Enumerable.Repeat(128, 6), .. Enumerable.Repeat(256, 18)] };
        NasBert.Space.Contains(mixed).Should().BeTrue();
        long Ffn(long h) => h * 4 * h + 4 * h + 4 * h * h + h + 2 * h;
        uniform.Parameters().Should().Be(24 * Ffn(256));
        mixed.Parameters().Should().Be(6 * Ffn(128) + 18 * Ffn(256) + (128 * 256 + 256));
    }
}
