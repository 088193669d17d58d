using DslNas.Methods.NasBert;

namespace DslNas.Spaces.Tests.NasBertMethod;

public sealed class ProgressiveShrinkingTests
{
    /// <summary>Block 0: 100 paths of 1..100 parameters, so bins of 2 hold 1..49 and 51..99 (50 and 100 sit on boundaries).</summary>
    private static readonly IReadOnlyList<long> Sizes = Enumerable.Range(1, 100).Select(i => (long)i).ToList();

    /// <summary>A synthetic loss that is not ordered by size: a fixed shuffle of the ids.</summary>
    private static double Loss(int id) => id * 37 % 101;

    [Fact]
    public void Bins_use_strict_bounds_on_both_sides()
    {
        ProgressiveShrinking.BinOf(49, 100, 2).Should().Be(1);
        ProgressiveShrinking.BinOf(50, 100, 2).Should().BeNull();
        ProgressiveShrinking.BinOf(51, 100, 2).Should().Be(2);
        ProgressiveShrinking.BinOf(100, 100, 2).Should().BeNull("the largest path lies on the last bound");
        ProgressiveShrinking.BinOf(0, 100, 2).Should().BeNull();
        var shrinking = new ProgressiveShrinking([Sizes], null, bins: 2, keepPerBin: 3, sample: 1000);
        shrinking.Alive(0, 1).Should().Equal(Enumerable.Range(0, 49));
        shrinking.Alive(0, 2).Should().Equal(Enumerable.Range(50, 49));
    }

    [Fact]
    public void A_round_keeps_the_better_half_of_each_bin_and_shrinking_ends_with_the_best_m()
    {
        var shrinking = new ProgressiveShrinking([Sizes, Sizes], null, bins: 2, keepPerBin: 3, sample: 1000);
        var bin1 = shrinking.Alive(1, 1).ToList();
        var records = shrinking.Shrink(10, new Random(1), (_, ids) => ids.Select(Loss).ToList());
        shrinking.Alive(1, 1).Should().BeEquivalentTo(bin1.OrderBy(Loss).Take(25), "49 drawn, the worse 24 dropped");
        records.Should().HaveCount(4).And.Contain(new PruningRecord(1, 1, 10, 49, 25));
        var round = 1;
        while (!shrinking.Done) shrinking.Shrink(10 * ++round, new Random(round), (_, ids) => ids.Select(Loss).ToList());
        shrinking.Alive(1, 1).Should().BeEquivalentTo(bin1.OrderBy(Loss).Take(3));
        shrinking.Alive(0, 2).Should().HaveCount(3);
        round.Should().Be(5, "49 -> 25 -> 13 -> 7 -> 4 -> 3");
    }

    [Fact]
    public void A_bin_larger_than_the_sample_drops_the_worse_half_of_the_draw_only()
    {
        var shrinking = new ProgressiveShrinking([Sizes], null, bins: 1, keepPerBin: 2, sample: 6);
        IReadOnlyList<int> drawn = [];
        var records = shrinking.Shrink(5, new Random(3), (_, ids) =>
        {
            drawn = ids.ToList();
            return ids.Select(Loss).ToList();
        });
        drawn.Should().HaveCount(6);
        var dropped = drawn.OrderByDescending(Loss).Take(3).ToList();
        shrinking.Alive(0).Should().HaveCount(96).And.NotContain(dropped).And.Contain(drawn.Except(dropped));
        records.Should().Equal(new PruningRecord(0, 1, 5, 99, 96));
    }

    [Fact]
    public void The_state_restores_what_was_alive()
    {
        var shrinking = new ProgressiveShrinking([Sizes], null, bins: 2, keepPerBin: 3, sample: 10);
        shrinking.Shrink(1, new Random(2), (_, ids) => ids.Select(Loss).ToList());
        var restored = ProgressiveShrinking.Restore(shrinking.State, 2, 3, 10);
        restored.Alive(0).Should().Equal(shrinking.Alive(0));
        FluentActions.Invoking(() => ProgressiveShrinking.Restore(shrinking.State, 3, 3, 10)).Should().Throw<InvalidDataException>().WithMessage("*3 bins*");
    }

    [Fact]
    public void With_latencies_a_path_must_fall_in_the_same_bin_by_latency_as_by_size()
    {
        IReadOnlyList<long> sizes = [10, 30, 60, 90, 100];
        IReadOnlyList<double> latencies = [1.0, 6.0, 7.0, 4.0, 10.0];
        var shrinking = new ProgressiveShrinking([sizes], [latencies], bins: 2, keepPerBin: 1, sample: 10);
        shrinking.Alive(0, 1).Should().Equal([0], "path 1 is small but slow: latency bin 2");
        shrinking.Alive(0, 2).Should().Equal([2], "path 3 is large but fast: latency bin 1");
        FluentActions.Invoking(() => new ProgressiveShrinking([sizes], [[1.0]], 2, 1, 10)).Should().Throw<ArgumentException>().WithMessage("*latency for every path*");
    }
}
