using DslNas.Engine;
using DslNas.Search;

namespace DslNas.Spaces.Tests;

public sealed class SearchTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-search").FullName;
    private int evaluations;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>A deterministic stand-in for supernet accuracy: larger is better, with a fixed per-architecture wobble.</summary>
    private Metrics Evaluate(Genes genes)
    {
        evaluations++;
        var engine = FastTransformer.Space.Engine;
        var parameters = engine.Parameters(genes);
        var flops = engine.Flops(genes, 128);
        var accuracy = 1 - Math.Exp(-parameters / 2e6) + (engine.Encode(genes).Sum() % 7) * 1e-3;
        return new Metrics(accuracy, 1 - accuracy, parameters, flops, flops / 1e8);
    }

    private static SearchOptions Options(double? budget = 6.0, bool random = false) =>
        new(Population: 12, Generations: 6, MutationRate: 0.3, Cost: CostObjective.Latency, MaxLatencyMs: budget, Random: random, Seed: 3);

    [Fact]
    public void Nsga2_finds_a_feasible_non_dominated_front_that_improves_on_random_starts()
    {
        var search = new EvolutionarySearch(FastTransformer.Space.Engine, Options(), Evaluate);
        var fronts = new List<double>();
        search.Run(afterGeneration: s => fronts.Add(s.Front.Count == 0 ? 0 : s.Front.Max(e => e.Metrics.Accuracy)));
        search.Generation.Should().Be(6);
        var front = search.Front;
        front.Should().NotBeEmpty().And.OnlyContain(e => e.Metrics.LatencyMs <= 6.0, "the budget is a constraint");
        foreach (var a in front)
        foreach (var b in front)
            ParetoRanking.Dominates(a, b, search.Options).Should().BeFalse();
        foreach (var e in search.All.Where(e => e.Metrics.LatencyMs <= 6.0))
            front.Should().Contain(f => f == e || ParetoRanking.Dominates(f, e, search.Options) || (f.Metrics.Accuracy == e.Metrics.Accuracy && f.Metrics.LatencyMs == e.Metrics.LatencyMs));
        fronts.Last().Should().BeGreaterThanOrEqualTo(fronts.First());
        search.All.Select(e => e.Key).Should().OnlyHaveUniqueItems("an architecture is evaluated once");
        evaluations.Should().Be(search.All.Count);
        front.Select(e => e.Metrics.LatencyMs).Should().BeInAscendingOrder();
    }

    [Fact]
    public void The_same_seed_gives_the_same_search_and_a_resumed_search_the_same_front()
    {
        var straight = new EvolutionarySearch(FastTransformer.Space.Engine, Options(), Evaluate);
        straight.Run();
        var again = new EvolutionarySearch(FastTransformer.Space.Engine, Options(), Evaluate);
        again.Run();
        again.All.Select(e => e.Key).Should().Equal(straight.All.Select(e => e.Key));

        var path = Path.Combine(directory, "search.json");
        var interrupted = new EvolutionarySearch(FastTransformer.Space.Engine, Options(), Evaluate);
        interrupted.Run(statePath: path, untilGeneration: 2);
        var resumed = SearchState.Resume(FastTransformer.Space.Engine, Options(), Evaluate, path);
        resumed.Generation.Should().Be(2);
        resumed.Run(statePath: path);
        resumed.All.Select(e => e.Key).Should().Equal(straight.All.Select(e => e.Key));
        resumed.Front.Select(e => e.Key).Should().Equal(straight.Front.Select(e => e.Key));

        FluentActions.Invoking(() => SearchState.Resume(FastTransformer.Space.Engine, Options(budget: 5), Evaluate, path))
            .Should().Throw<InvalidDataException>().WithMessage("*other options*");
        File.WriteAllText(path, "{broken");
        FluentActions.Invoking(() => SearchState.Resume(FastTransformer.Space.Engine, Options(), Evaluate, path))
            .Should().Throw<InvalidDataException>().WithMessage("*search.json*not valid JSON*");
    }

    [Fact]
    public void Random_search_evaluates_population_times_generations_samples()
    {
        var search = new EvolutionarySearch(FastTransformer.Space.Engine, Options(random: true), Evaluate);
        search.Run();
        search.All.Count.Should().Be(72);
        search.Front.Should().NotBeEmpty();
    }

    [Fact]
    public void Constrained_domination_and_crowding_follow_nsga2()
    {
        var options = new SearchOptions(MaxLatencyMs: 10);
        Evaluated E(double accuracy, double latency) => new([0], new Genes([], []), new Metrics(accuracy, 0, 0, 0, latency), 0);
        var items = new List<Evaluated> { E(0.9, 5), E(0.8, 4), E(0.7, 6), E(0.95, 20), E(0.6, 30) };
        ParetoRanking.Dominates(items[0], items[2], options).Should().BeTrue();
        ParetoRanking.Dominates(items[0], items[1], options).Should().BeFalse();
        ParetoRanking.Dominates(items[2], items[3], options).Should().BeTrue("feasible beats infeasible");
        ParetoRanking.Dominates(items[3], items[4], options).Should().BeTrue("the smaller violation wins");
        var fronts = ParetoRanking.Fronts(items, options);
        fronts.Select(f => f.Order().ToArray()).Should().BeEquivalentTo(new[] { new[] { 0, 1 }, new[] { 2 }, new[] { 3 }, new[] { 4 } }, o => o.WithStrictOrdering());
        var front = new List<Evaluated> { E(0.9, 5), E(0.8, 4), E(0.7, 2), E(0.5, 1) };
        var crowding = ParetoRanking.Crowding(front, [0, 1, 2, 3], options);
        crowding[0].Should().Be(double.PositiveInfinity);
        crowding[3].Should().Be(double.PositiveInfinity);
        crowding[1].Should().BeApproximately((0.9 - 0.7) / 0.4 + (5 - 2) / 4.0, 1e-12);
        crowding[2].Should().BeApproximately((0.8 - 0.5) / 0.4 + (4 - 1) / 4.0, 1e-12);
    }
}
