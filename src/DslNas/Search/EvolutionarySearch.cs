using System.Text.Json;
using DslNas.Engine;
using DslNas.Randomness;

namespace DslNas.Search;

/// <summary>
/// Multi-objective search over a space: NSGA-II (non-dominated sorting, crowding distance, binary tournaments, the
/// space's crossover and mutation, constrained domination for budgets) or random search. Every evaluated
/// architecture is kept and never evaluated twice; the front is recomputed after each generation; the state is saved
/// after each generation, and a resumed search ends with the same front as an uninterrupted one with the same seed.
/// Each generation's new architectures are drawn first and evaluated together, so an evaluator may spread them over
/// ranks (<see cref="Distributed.DistributedEvaluation"/>); the search itself never depends on who evaluated what.
/// </summary>
public sealed class EvolutionarySearch
{
    private readonly SpaceEngine engine;
    private readonly Func<IReadOnlyList<Genes>, IReadOnlyList<Metrics>> evaluate;
    private readonly List<Evaluated> all = [];
    private readonly Dictionary<string, Evaluated> byKey = [];
    private List<Evaluated> population = [];

    public EvolutionarySearch(SpaceEngine engine, SearchOptions options, Func<Genes, Metrics> evaluate)
        : this(engine, options, (IReadOnlyList<Genes> batch) => batch.Select(evaluate).ToList())
    {
    }

    /// <summary>A search whose evaluator scores each generation's new architectures at once, in the order given.</summary>
    public EvolutionarySearch(SpaceEngine engine, SearchOptions options, Func<IReadOnlyList<Genes>, IReadOnlyList<Metrics>> evaluate)
    {
        options.Validate();
        this.engine = engine;
        this.evaluate = evaluate;
        Options = options;
        Random = SplitMixRandom.FromSeed(options.Seed);
    }

    public SearchOptions Options { get; }

    /// <summary>Generations completed so far.</summary>
    public int Generation { get; private set; }

    public IReadOnlyList<Evaluated> All => all;
    public IReadOnlyList<Evaluated> Population => population;
    public IReadOnlyList<Evaluated> Front => ParetoRanking.Front(all, Options);

    /// <summary>Evaluated architectures over the budgets, and how many of them were costed but not scored.</summary>
    public (int Over, int Unscored) OverBudget => (all.Count(e => Options.Violation(e.Metrics) > 0), all.Count(e => !e.Metrics.Scored));
    private SplitMixRandom Random { get; set; }

    /// <summary>Runs the remaining generations; after each one, saves the state (when a path is given) and reports progress.</summary>
    public void Run(string? statePath = null, Action<EvolutionarySearch>? afterGeneration = null, Action<Evaluated>? afterEvaluation = null, int? untilGeneration = null)
    {
        var end = Math.Min(untilGeneration ?? Options.Generations, Options.Generations);
        while (Generation < end)
        {
            if (Generation == 0 || Options.Random) population = Initial(afterEvaluation);
            else population = Next(afterEvaluation);
            Generation++;
            if (statePath is not null) SearchState.Save(this, statePath);
            afterGeneration?.Invoke(this);
        }
    }

    /// <summary>
    /// The evaluated architecture of each of <paramref name="candidates"/>: those seen before from memory, the new ones
    /// (each once, in order of first appearance) from one call of the evaluator.
    /// </summary>
    private List<Evaluated> EvaluateAll(IReadOnlyList<Genes> candidates, Action<Evaluated>? afterEvaluation)
    {
        var codes = candidates.Select(engine.Encode).ToList();
        var keys = codes.Select(c => string.Join(",", c)).ToList();
        var fresh = Enumerable.Range(0, candidates.Count).Where(i => !byKey.ContainsKey(keys[i])).DistinctBy(i => keys[i]).ToList();
        var metrics = evaluate(fresh.Select(i => candidates[i]).ToList());
        if (metrics.Count != fresh.Count) throw new InvalidOperationException($"the evaluator returned {metrics.Count} results for {fresh.Count} architectures");
        for (var j = 0; j < fresh.Count; j++)
        {
            var i = fresh[j];
            var evaluated = new Evaluated(codes[i], candidates[i], metrics[j], Generation);
            all.Add(evaluated);
            byKey[keys[i]] = evaluated;
            afterEvaluation?.Invoke(evaluated);
        }
        return keys.Select(k => byKey[k]).ToList();
    }

    private List<Evaluated> Initial(Action<Evaluated>? afterEvaluation)
    {
        var drawn = new List<Genes>();
        var keys = new HashSet<string>();
        for (var attempt = 0; drawn.Count < Options.Population && attempt < Options.Population * 20; attempt++)
        {
            var genes = engine.Sample(Random);
            if (keys.Add(string.Join(",", engine.Encode(genes)))) drawn.Add(genes);
        }
        var evaluated = EvaluateAll(drawn, afterEvaluation);
        return Options.Random ? [.. all] : evaluated;
    }

    private List<Evaluated> Next(Action<Evaluated>? afterEvaluation)
    {
        var ranks = Rank(population);
        var children = new List<Genes>();
        for (var attempt = 0; children.Count < Options.Population && attempt < Options.Population * 20; attempt++)
        {
            var a = Tournament(ranks);
            var b = Tournament(ranks);
            children.Add(engine.Mutate(engine.Crossover(a.Genes, b.Genes, Random), Options.MutationRate, Random));
        }
        var offspring = EvaluateAll(children, afterEvaluation);
        var combined = population.Concat(offspring).GroupBy(e => e.Key).Select(g => g.First()).ToList();
        var next = new List<Evaluated>();
        foreach (var front in ParetoRanking.Fronts(combined, Options))
        {
            if (next.Count + front.Count <= Options.Population)
            {
                next.AddRange(front.Select(i => combined[i]));
                continue;
            }
            var crowding = ParetoRanking.Crowding(combined, front, Options);
            next.AddRange(front.OrderByDescending(i => crowding[i]).ThenBy(i => i).Take(Options.Population - next.Count).Select(i => combined[i]));
            break;
        }
        return next;
    }

    private Dictionary<Evaluated, (int Rank, double Crowding)> Rank(List<Evaluated> members)
    {
        var result = new Dictionary<Evaluated, (int, double)>(ReferenceEqualityComparer.Instance);
        var fronts = ParetoRanking.Fronts(members, Options);
        for (var r = 0; r < fronts.Count; r++)
        {
            var crowding = ParetoRanking.Crowding(members, fronts[r], Options);
            foreach (var i in fronts[r]) result[members[i]] = (r, crowding[i]);
        }
        return result;
    }

    private Evaluated Tournament(Dictionary<Evaluated, (int Rank, double Crowding)> ranks)
    {
        var a = population[Random.Next(population.Count)];
        var b = population[Random.Next(population.Count)];
        var (ra, rb) = (ranks[a], ranks[b]);
        if (ra.Rank != rb.Rank) return ra.Rank < rb.Rank ? a : b;
        return ra.Crowding >= rb.Crowding ? a : b;
    }

    internal SearchState.Snapshot Snapshot() => new(
        JsonSerializer.Serialize(Options), Generation, Random.State,
        all.Select(e => new SearchState.Entry(e.Code, e.Metrics, e.Generation)).ToList(),
        population.Select(e => e.Key).ToList());

    internal void Restore(SearchState.Snapshot snapshot)
    {
        all.Clear();
        byKey.Clear();
        foreach (var entry in snapshot.Evaluated)
        {
            var evaluated = new Evaluated(entry.Code, engine.Decode(entry.Code), entry.Metrics, entry.Generation);
            all.Add(evaluated);
            byKey[evaluated.Key] = evaluated;
        }
        population = snapshot.Population.Select(k => byKey.TryGetValue(k, out var e) ? e : throw new InvalidDataException($"the saved population names an architecture ({k}) that was never evaluated")).ToList();
        Generation = snapshot.Generation;
        Random = new SplitMixRandom(snapshot.RandomState);
    }
}
