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
    public void Nsga2_finds_a_feasible_non_dominated_front()
    {
        var search = new EvolutionarySearch(FastTransformer.Space.Engine, Options(), Evaluate);
        search.Run();
        search.Generation.Should().Be(6);
        var front = search.Front;
        front.Should().NotBeEmpty().And.OnlyContain(e => e.Metrics.LatencyMs <= 6.0, "the budget is a constraint");
        foreach (var a in front)
        foreach (var b in front)
            ParetoRanking.Dominates(a, b, search.Options).Should().BeFalse();
        foreach (var e in search.All.Where(e => e.Metrics.LatencyMs <= 6.0))
            front.Should().Contain(f => f == e || ParetoRanking.Dominates(f, e, search.Options) || (f.Metrics.Accuracy == e.Metrics.Accuracy && f.Metrics.LatencyMs == e.Metrics.LatencyMs));
        front.Should().Contain(e => e.Generation > 0, "offspring of the first population reach the front");
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
    public void Leaving_architectures_over_the_budget_unscored_changes_nothing_the_search_does()
    {
        var scored = new EvolutionarySearch(FastTransformer.Space.Engine, Options(), Evaluate);
        scored.Run();
        var options = Options();
        var unscored = new EvolutionarySearch(FastTransformer.Space.Engine, options, genes =>
        {
            var metrics = Evaluate(genes);
            return options.Violation(metrics) > 0 ? Metrics.Unscored(metrics.Parameters, metrics.Flops, metrics.LatencyMs) : metrics;
        });
        unscored.Run();
        unscored.All.Should().Contain(e => !e.Metrics.Scored, "some architectures are over the budget");
        unscored.All.Select(e => e.Key).Should().Equal(scored.All.Select(e => e.Key));
        unscored.Front.Select(e => e.Key).Should().Equal(scored.Front.Select(e => e.Key));
        unscored.Front.Should().OnlyContain(e => e.Metrics.Scored);
    }

    [Fact]
    public void A_front_over_the_budget_is_spread_by_cost_alone_and_one_within_it_by_accuracy_too()
    {
        var options = Options();
        Evaluated At(int key, double latency, double accuracy) => new([key], new Genes([], []), new Metrics(accuracy, 0, 1, 1, latency), 0);
        var over = new[] { At(1, 7, 0.9), At(2, 7, 0.1), At(3, 7, 0.5) };
        var crowding = ParetoRanking.Crowding(over, [0, 1, 2], options);
        crowding[0].Should().Be(double.PositiveInfinity);
        crowding[2].Should().Be(double.PositiveInfinity, "with one objective of no range only the ends by cost (then index) are extremes");
        crowding[1].Should().Be(0, "its accuracy of 0.1, the lowest, would have made it an extreme");
        var within = new[] { At(1, 5, 0.9), At(2, 5, 0.1), At(3, 5, 0.5) };
        ParetoRanking.Crowding(within, [0, 1, 2], options)[1].Should().Be(double.PositiveInfinity, "within the budget accuracy spreads a front");
    }

    [Fact]
    public void A_state_saved_before_architectures_could_be_unscored_resumes_with_every_one_scored()
    {
        var path = Path.Combine(directory, "old.json");
        var search = new EvolutionarySearch(FastTransformer.Space.Engine, Options(), Evaluate);
        search.Run(statePath: path, untilGeneration: 1);
        File.WriteAllText(path, File.ReadAllText(path).Replace(",\"Scored\":true", ""));
        File.ReadAllText(path).Should().NotContain("Scored");
        var resumed = SearchState.Resume(FastTransformer.Space.Engine, Options(), Evaluate, path);
        resumed.All.Should().HaveCount(search.All.Count).And.OnlyContain(e => e.Metrics.Scored);
    }

    [Fact]
    public void Random_search_evaluates_population_times_generations_samples()
    {
        var search = new EvolutionarySearch(FastTransformer.Space.Engine, Options(random: true), Evaluate);
        search.Run();
        search.All.Count.Should().Be(72);
        search.Front.Should().NotBeEmpty();
    }

    /// <summary>
    /// A deterministic stand-in for accuracy on which the per-layer choices matter: it grows with the parameters and
    /// loses 0.05 x (log2 heads - 2)^2 on average over the layers, so four heads per layer is best at any size.
    /// </summary>
    private static Metrics PenalisedAccuracy(Genes genes)
    {
        var engine = FastTransformer.Space.Engine;
        var parameters = engine.Parameters(genes);
        var layers = engine.Layers(engine.ToValues(genes));
        var penalty = layers.Average(l => Math.Pow(Math.Log2(l.Heads) - 2, 2)) * 0.05;
        var accuracy = 1 - Math.Exp(-parameters / 2e6) - penalty;
        return new Metrics(accuracy, 1 - accuracy, parameters, engine.Flops(genes, 128), 0);
    }

    /// <summary>
    /// The area that a front dominates up to a reference point (accuracy 0, cost <paramref name="maxCost"/>), for
    /// accuracy maximized and cost minimized: exact for two objectives, by sweeping the points in order of cost.
    /// </summary>
    private static double Hypervolume(IEnumerable<(double Accuracy, double Cost)> points, double maxCost)
    {
        double area = 0, best = 0;
        foreach (var (accuracy, cost) in points.Where(p => p.Cost < maxCost).OrderBy(p => p.Cost).ThenByDescending(p => p.Accuracy))
        {
            if (accuracy <= best) continue;
            area += (accuracy - best) * (maxCost - cost);
            best = accuracy;
        }
        return area;
    }

    [Fact]
    public void Hypervolume_is_the_area_of_the_dominated_staircase()
    {
        Hypervolume([(0.5, 2), (0.8, 6), (0.6, 7), (0.9, 12)], maxCost: 10).Should().BeApproximately(0.5 * 8 + 0.3 * 4, 1e-12, "(0.6, 7) is dominated and (0.9, 12) costs more than the reference");
        Hypervolume([], 10).Should().Be(0);
    }

    [Fact]
    public void Nsga2_dominates_random_search_by_hypervolume_with_the_same_evaluations()
    {
        var engine = FastTransformer.Space.Engine;
        double maxCost = engine.Flops(engine.Extreme(largest: true), 128);
        var results = new List<(double Nsga2, double Random)>();
        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            var options = new SearchOptions(Population: 16, Generations: 6, Cost: CostObjective.Flops, Seed: seed);
            var nsga2 = new EvolutionarySearch(engine, options, PenalisedAccuracy);
            nsga2.Run();
            var random = new EvolutionarySearch(engine, options with { Random = true }, PenalisedAccuracy);
            random.Run();
            // A search never evaluates an architecture twice, so each may have evaluated fewer than 16 x 6: compare
            // the first evaluations of each, as many for both.
            var evaluations = Math.Min(nsga2.All.Count, random.All.Count);
            double Volume(EvolutionarySearch search) =>
                Hypervolume(ParetoRanking.Front(search.All.Take(evaluations).ToList(), options).Select(e => (e.Metrics.Accuracy, (double)e.Metrics.Flops)), maxCost);
            results.Add((Volume(nsga2), Volume(random)));
        }
        var report = string.Join("; ", results.Select(r => $"NSGA-II {r.Nsga2 / maxCost:F4} vs random {r.Random / maxCost:F4}"));
        results.Count(r => r.Nsga2 > r.Random).Should().BeGreaterThanOrEqualTo(4, report);
        results.Average(r => r.Nsga2).Should().BeGreaterThan(results.Average(r => r.Random), report);
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
