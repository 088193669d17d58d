using DslNas.Search.Lengths;

namespace DslNas.Tests.Search;

public sealed class LengthEvolutionTests : IDisposable
{
    private const int Layers = 6, Tokens = 32;
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-lengths").FullName;

    /// <summary>Cost grows with every kept token; accuracy depends only on the tokens the last layer keeps, so keeping lengths flat is best.</summary>
    private static double Cost(LengthConfiguration c) => c.Lengths.Sum();

    private static double LastLayer(LengthConfiguration c) => (double)c.Lengths[^1] / Tokens;

    private static LengthEvolution.Settings Settings(int iterations = 6, double mutationProbability = 0.5, int seed = 3) =>
        new(new LengthSearchOptions(iterations, Mutations: 8, MutationProbability: mutationProbability, Crossovers: 8), InitialGenes: 6, LengthDrop: 0.2, Seed: seed);

    private static LengthEvolution Search(LengthEvolution.Settings settings, Func<LengthConfiguration, double>? score = null) =>
        new(Layers, Tokens, settings, Cost, score ?? LastLayer);

    private static bool NonIncreasingWithin(LengthConfiguration c) =>
        c.Lengths.Count == Layers && c.Lengths.All(l => l is >= LengthConfiguration.MinLength and <= Tokens) && c.Lengths.Zip(c.Lengths.Skip(1)).All(p => p.Second <= p.First);

    [Fact]
    public void Mutation_and_crossover_keep_every_configuration_valid_and_non_increasing()
    {
        var search = Search(Settings(mutationProbability: 0.9));
        var random = new Random(4);
        for (var i = 0; i < 2000; i++)
        {
            var parent = LengthConfiguration.ConstantRate(Layers, Tokens, random.NextDouble() * 0.9);
            var child = search.Mutate(new ScoredLengths(parent, 0, 0));
            NonIncreasingWithin(child).Should().BeTrue(child.ToString());
            for (var l = 0; l < Layers; l++)
                child.Lengths[l].Should().BeGreaterThanOrEqualTo(l + 1 < Layers ? parent.Lengths[l + 1] : LengthConfiguration.MinLength, "a layer mutates within U[g[i+1], g'[i-1]]");
            var other = LengthConfiguration.ConstantRate(Layers, Tokens, random.NextDouble() * 0.9);
            NonIncreasingWithin(LengthEvolution.Crossover(child, other)).Should().BeTrue();
        }
        LengthEvolution.Crossover(new LengthConfiguration([10, 8, 3], 10), new LengthConfiguration([9, 8, 2], 10)).Lengths.Should().Equal(10, 8, 3);
        var unchanged = LengthConfiguration.ConstantRate(Layers, Tokens, 0.1);
        Search(Settings(mutationProbability: 0)).Mutate(new ScoredLengths(unchanged, 0, 0)).Should().Be(unchanged);
    }

    [Fact]
    public void The_initial_population_is_both_bounds_and_constant_rate_genes_evenly_spread_between_them()
    {
        var search = Search(Settings(iterations: 0));
        search.Run();
        search.Smallest.Should().Be(LengthConfiguration.ConstantRate(Layers, Tokens, 0.2));
        search.Largest.Should().Be(LengthConfiguration.Full(Layers, Tokens));
        search.Evaluated.Take(2).Select(e => e.Lengths).Should().Equal(search.Smallest, search.Largest);
        var genes = search.ConstantRateGenes(6);
        genes.Should().HaveCount(6);
        var fractions = genes.Select(g => g.KeptFraction).ToList();
        fractions.Should().BeInAscendingOrder().And.OnlyContain(f => f > search.Smallest.KeptFraction && f < 1);
        for (var k = 0; k < 6; k++)
            fractions[k].Should().BeApproximately(search.Smallest.KeptFraction + (1 - search.Smallest.KeptFraction) * (k + 1) / 7, 0.05, "bisection hits the target up to integer rounding");
    }

    [Fact]
    public void Genes_outside_the_bounds_are_never_scored()
    {
        var scored = new List<LengthConfiguration>();
        var search = Search(Settings(mutationProbability: 1.0), c => { scored.Add(c); return LastLayer(c); });
        search.Run();
        scored.Should().OnlyContain(c => Cost(c) >= search.LowerBound && Cost(c) <= search.UpperBound);
        scored.Select(c => c.ToString()).Should().OnlyHaveUniqueItems("every gene is scored once");
        scored.Should().HaveCount(search.Evaluated.Count);
    }

    [Fact]
    public void The_searched_front_dominates_constant_rate_reduction_on_a_synthetic_accuracy_model()
    {
        var search = Search(Settings(iterations: 8));
        search.Run();
        var constant = Enumerable.Range(0, 21).Select(k => LengthConfiguration.ConstantRate(Layers, Tokens, 0.2 * k / 20)).Distinct()
            .Select(c => new ScoredLengths(c, Cost(c), LastLayer(c))).ToList();
        foreach (var c in constant)
            search.Front.Should().Contain(f => f.Cost <= c.Cost && f.Score >= c.Score, $"constant rate {c.Lengths} is dominated");
        var searched = LengthFront.Area(search.Front, search.LowerBound, search.UpperBound);
        var baseline = LengthFront.Area(constant, search.LowerBound, search.UpperBound);
        searched.Should().BeGreaterThan(baseline + 0.05);
        search.Areas.Should().HaveCount(9).And.BeInAscendingOrder("the population's front only improves");
        search.Front.Should().OnlyContain(f => NonIncreasingWithin(f.Lengths));
    }

    [Fact]
    public void A_resumed_search_ends_where_an_uninterrupted_one_does_and_can_search_further()
    {
        var straight = Search(Settings(iterations: 4));
        straight.Run();
        var path = Path.Combine(directory, "state.json");
        Search(Settings(iterations: 4)).Run(path, iterations: 2);
        var resumed = LengthEvolution.Resume(path, Layers, Tokens, Settings(iterations: 4), Cost, LastLayer);
        resumed.Iteration.Should().Be(2);
        resumed.Run(path);
        resumed.Evaluated.Select(e => e.Lengths.ToString()).Should().Equal(straight.Evaluated.Select(e => e.Lengths.ToString()));
        resumed.Areas.Should().Equal(straight.Areas);

        LengthEvolution.CompletedWith(path, Settings(iterations: 9)).Should().Be(4, "the iteration count may differ");
        LengthEvolution.CompletedWith(path, Settings(iterations: 4, seed: 8)).Should().BeNull();
        var further = LengthEvolution.Resume(path, Layers, Tokens, Settings(iterations: 6), Cost, LastLayer);
        further.Run();
        var six = Search(Settings(iterations: 6));
        six.Run();
        further.Evaluated.Select(e => e.Lengths.ToString()).Should().Equal(six.Evaluated.Select(e => e.Lengths.ToString()));
        FluentActions.Invoking(() => LengthEvolution.Resume(path, Layers, 64, Settings(), Cost, LastLayer)).Should().Throw<InvalidDataException>().WithMessage("*6 layers of 32 tokens*");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
