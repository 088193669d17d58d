using System.Text.Json;
using DslNas.Artifacts;
using DslNas.Randomness;

namespace DslNas.Search.Lengths;

/// <summary>
/// The Length-Adaptive Transformer's evolutionary search over length configurations of one trained model (weights
/// frozen), as the official code runs it:
/// <list type="bullet">
/// <item>bounds: a gene costs between the smallest sandwich configuration (every layer keeps ceil((1 - p) l)) and the
/// full length; a gene outside them is rejected, is not scored, and does not count as a success;</item>
/// <item>initial population: both bounds and <c>population</c> constant-rate genes whose kept fraction is evenly spaced
/// between the smallest's and 1 (rate found by bisection, for this model's depth and length);</item>
/// <item>each iteration: the population becomes its Pareto staircase (<see cref="LengthFront.Pareto"/>); then
/// successful mutations (parent uniform from the population; layer i mutates with the mutation probability to
/// U[g[i+1], g'[i-1]], so lengths never grow), then successful crossovers (two distinct parents, child
/// ceil((a_i + b_i) / 2)); accepted children join the population at once.</item>
/// </list>
/// Every gene is scored once (cached); the state is saved after the initial population and each iteration, and a
/// resumed search ends exactly where an uninterrupted one with the same seed does.
/// </summary>
public sealed class LengthEvolution
{
    private const int AttemptsPerSuccess = 50;

    private readonly Func<LengthConfiguration, double> cost;
    private readonly Func<LengthConfiguration, double> score;
    private readonly Dictionary<string, ScoredLengths> cache = new(StringComparer.Ordinal);
    private readonly List<ScoredLengths> evaluated = [];
    private readonly List<double> areas = [];
    private List<ScoredLengths> population = [];

    /// <param name="cost">FLOPs of a configuration (cheap, checked against the bounds before scoring).</param>
    /// <param name="score">Accuracy of a configuration with the frozen weights (one pass over the search data).</param>
    public LengthEvolution(int layers, int sequenceLength, Settings settings, Func<LengthConfiguration, double> cost, Func<LengthConfiguration, double> score)
    {
        settings.Options.Validate();
        if (settings.InitialGenes < 0) throw new ArgumentException($"the initial population must not be negative, got {settings.InitialGenes}");
        if (settings.LengthDrop is <= 0 or >= 1) throw new ArgumentException($"the length drop bound must lie in (0, 1), got {settings.LengthDrop}");
        Layers = layers;
        SequenceLength = sequenceLength;
        Config = settings;
        this.cost = cost;
        this.score = score;
        Smallest = LengthConfiguration.ConstantRate(layers, sequenceLength, settings.LengthDrop);
        Largest = LengthConfiguration.Full(layers, sequenceLength);
        (LowerBound, UpperBound) = (cost(Smallest), cost(Largest));
        Random = SplitMixRandom.FromSeed(settings.Seed);
    }

    /// <summary>What determines a search: its options, the initial population, LengthDrop's bound p (the lower bound) and the seed.</summary>
    public sealed record Settings(LengthSearchOptions Options, int InitialGenes, double LengthDrop, int Seed);

    public int Layers { get; }
    public int SequenceLength { get; }
    public Settings Config { get; }
    public LengthConfiguration Smallest { get; }
    public LengthConfiguration Largest { get; }
    public double LowerBound { get; }
    public double UpperBound { get; }

    /// <summary>Iterations completed; -1 before the initial population is scored.</summary>
    public int Iteration { get; private set; } = -1;

    /// <summary>Every scored configuration, in the order scored.</summary>
    public IReadOnlyList<ScoredLengths> Evaluated => evaluated;

    public IReadOnlyList<ScoredLengths> Population => population;

    /// <summary>The Pareto staircase of everything scored: the search's result.</summary>
    public IReadOnlyList<ScoredLengths> Front => LengthFront.Pareto(evaluated);

    /// <summary>The normalised area under the population's staircase after the initial population and after each iteration.</summary>
    public IReadOnlyList<double> Areas => areas;

    private SplitMixRandom Random { get; set; }

    /// <summary>Runs until <paramref name="iterations"/> (default: the options'), saving the state after each step when a path is given.</summary>
    public void Run(string? statePath = null, Action<LengthEvolution>? afterIteration = null, Action<ScoredLengths>? afterEvaluation = null, int? iterations = null)
    {
        var end = iterations ?? Config.Options.Iterations;
        if (Iteration < 0)
        {
            Initialize(afterEvaluation);
            Step(statePath, afterIteration);
        }
        while (Iteration < end)
        {
            population = LengthFront.Pareto(population);
            var options = Config.Options;
            Repeat(options.Mutations, () => Add(Mutate(population[Random.Next(population.Count)]), afterEvaluation));
            if (population.Count >= 2) Repeat(options.Crossovers, () => Add(Crossover(), afterEvaluation));
            Step(statePath, afterIteration);
        }
    }

    /// <summary>The constant-rate genes of the initial population: kept fractions evenly spaced strictly between the smallest's and 1.</summary>
    public IReadOnlyList<LengthConfiguration> ConstantRateGenes(int count)
    {
        var low = Smallest.KeptFraction;
        var genes = new List<LengthConfiguration>();
        for (var k = 1; k <= count; k++)
        {
            var target = low + (1 - low) * k / (count + 1);
            double cheap = Config.LengthDrop, dear = 0;
            for (var step = 0; step < 40; step++)
            {
                var middle = (cheap + dear) / 2;
                if (LengthConfiguration.ConstantRate(Layers, SequenceLength, middle).KeptFraction >= target) dear = middle;
                else cheap = middle;
            }
            genes.Add(LengthConfiguration.ConstantRate(Layers, SequenceLength, dear));
        }
        return genes;
    }

    /// <summary>A mutation of <paramref name="parent"/>: layer i (1-based) mutates with the mutation probability to U[parent[i+1], child[i-1]], parent[L+1] = 2, child[0] = n.</summary>
    public LengthConfiguration Mutate(ScoredLengths parent)
    {
        var g = parent.Lengths.Lengths;
        var child = new int[Layers];
        var previous = SequenceLength;
        for (var i = 0; i < Layers; i++)
        {
            var low = i + 1 < Layers ? g[i + 1] : LengthConfiguration.MinLength;
            child[i] = Random.NextDouble() < Config.Options.MutationProbability ? Random.Next(low, previous + 1) : g[i];
            previous = child[i];
        }
        return new LengthConfiguration(child, SequenceLength);
    }

    /// <summary>The crossover of two configurations: ceil((a_i + b_i) / 2) per layer.</summary>
    public static LengthConfiguration Crossover(LengthConfiguration a, LengthConfiguration b) =>
        new(a.Lengths.Zip(b.Lengths, (x, y) => (x + y + 1) / 2).ToArray(), a.SequenceLength);

    private LengthConfiguration Crossover()
    {
        var first = Random.Next(population.Count);
        var second = Random.Next(population.Count - 1);
        if (second >= first) second++;
        return Crossover(population[first].Lengths, population[second].Lengths);
    }

    private void Initialize(Action<ScoredLengths>? afterEvaluation)
    {
        foreach (var gene in new[] { Smallest, Largest }.Concat(ConstantRateGenes(Config.InitialGenes)))
            Add(gene, afterEvaluation);
    }

    private void Repeat(int successes, Func<bool> attempt)
    {
        for (int done = 0, tries = 0; done < successes && tries < successes * AttemptsPerSuccess; tries++)
            if (attempt()) done++;
    }

    /// <summary>Adds a gene within the bounds to the population (scoring it once); false when it lies outside them.</summary>
    private bool Add(LengthConfiguration gene, Action<ScoredLengths>? afterEvaluation)
    {
        var key = gene.ToString();
        if (!cache.TryGetValue(key, out var scored))
        {
            var flops = cost(gene);
            if (flops < LowerBound || flops > UpperBound) return false;
            scored = new ScoredLengths(gene, flops, score(gene));
            cache[key] = scored;
            evaluated.Add(scored);
            afterEvaluation?.Invoke(scored);
        }
        if (!population.Any(p => p.Lengths.Equals(gene))) population.Add(scored);
        return true;
    }

    private void Step(string? statePath, Action<LengthEvolution>? afterIteration)
    {
        Iteration++;
        areas.Add(LengthFront.Area(LengthFront.Pareto(population), LowerBound, UpperBound));
        if (statePath is not null) Save(statePath);
        afterIteration?.Invoke(this);
    }

    private sealed record Entry(int[] Lengths, double Cost, double Score);

    private sealed record Snapshot(string Settings, int Layers, int SequenceLength, int Iteration, ulong RandomState, List<Entry> Evaluated, List<string> Population, List<double> Areas);

    /// <summary>Writes the state atomically, as JSON.</summary>
    public void Save(string path)
    {
        var snapshot = new Snapshot(JsonSerializer.Serialize(Config), Layers, SequenceLength, Iteration, Random.State,
            evaluated.Select(e => new Entry(e.Lengths.Lengths.ToArray(), e.Cost, e.Score)).ToList(), population.Select(p => p.Lengths.ToString()).ToList(), [.. areas]);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(snapshot));
    }

    /// <summary>
    /// A search continuing from a saved state made for the same model shape and with the same settings, except that
    /// it may have run fewer iterations than <paramref name="settings"/> ask for (it then searches further).
    /// </summary>
    public static LengthEvolution Resume(string path, int layers, int sequenceLength, Settings settings, Func<LengthConfiguration, double> cost, Func<LengthConfiguration, double> score)
    {
        var snapshot = Read(path);
        if (snapshot.Layers != layers || snapshot.SequenceLength != sequenceLength)
            throw new InvalidDataException($"{path}: the length search was made for {snapshot.Layers} layers of {snapshot.SequenceLength} tokens, not {layers} of {sequenceLength}");
        if (!SameExceptIterations(snapshot, settings))
            throw new InvalidDataException($"{path}: the length search was started with other settings ({snapshot.Settings}), not {JsonSerializer.Serialize(settings)}");
        var search = new LengthEvolution(layers, sequenceLength, settings, cost, score);
        foreach (var entry in snapshot.Evaluated)
        {
            var scored = new ScoredLengths(new LengthConfiguration(entry.Lengths, sequenceLength), entry.Cost, entry.Score);
            search.cache[scored.Lengths.ToString()] = scored;
            search.evaluated.Add(scored);
        }
        search.population = snapshot.Population.Select(k => search.cache.TryGetValue(k, out var e) ? e : throw new InvalidDataException($"{path}: the population names {k}, which was never scored")).ToList();
        search.areas.AddRange(snapshot.Areas);
        search.Iteration = snapshot.Iteration;
        search.Random = new SplitMixRandom(snapshot.RandomState);
        return search;
    }

    /// <summary>The iterations a saved search has completed, when it was made with <paramref name="settings"/> apart from the iteration count; else null.</summary>
    public static int? CompletedWith(string path, Settings settings)
    {
        if (!File.Exists(path)) return null;
        var snapshot = Read(path);
        return SameExceptIterations(snapshot, settings) ? snapshot.Iteration : null;
    }

    private static bool SameExceptIterations(Snapshot snapshot, Settings settings)
    {
        var saved = JsonSerializer.Deserialize<Settings>(snapshot.Settings);
        return saved is not null && saved with { Options = saved.Options with { Iterations = settings.Options.Iterations } } == settings;
    }

    private static Snapshot Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Snapshot>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: the length search state is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a length search state: {e.Message}", e);
        }
    }
}
