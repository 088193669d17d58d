using System.Diagnostics;
using System.Text.Json;
using DslNas.Data.Batching;
using DslNas.Data.Corpora;
using DslNas.Data.Text;
using DslNas.Engine;
using DslNas.Nn;
using DslNas.Reporting;
using DslNas.Search;
using DslNas.Torch;
using DslNas.Torch.Serialization;
using DslNas.Training;

namespace DslNas.Runs;

/// <summary>
/// A run from data to a chosen model: prepare the data and vocabulary, train the supernet once, search for the
/// accuracy/cost front, pick the most accurate architecture within the latency budget, fine-tune it as a standalone
/// model and score it on the test split, and compare it with the largest architecture and a uniformly shrunk baseline
/// of similar cost trained from scratch. Every stage writes its files into the run directory and can be run alone.
/// </summary>
public sealed class SearchRun : IDisposable
{
    private readonly Action<string> log;
    private readonly Dictionary<string, TimeSpan> phases = [];
    private Supernet? supernet;

    public SearchRun(SearchSpaceDescriptor space, RunDirectory directory, RunConfig config, Action<string>? log = null)
    {
        Space = space;
        Directory = directory;
        Config = directory.Resolve(config);
        this.log = message =>
        {
            directory.AppendLog(message);
            log?.Invoke(message);
        };
        Batcher = new Batcher(Config.BatchSize, 0);
    }

    public SearchSpaceDescriptor Space { get; }
    public RunDirectory Directory { get; }
    public RunConfig Config { get; }
    public Batcher Batcher { get; }
    public DatasetSplits? Splits { get; private set; }
    public Vocabulary? Vocabulary { get; private set; }
    public IReadOnlyList<EncodedExample> Train { get; private set; } = [];
    public IReadOnlyList<EncodedExample> Validation { get; private set; } = [];
    public IReadOnlyList<EncodedExample> Test { get; private set; } = [];
    public IReadOnlyDictionary<string, TimeSpan> Phases => phases;
    public SupernetOptions SupernetOptions => new(Vocabulary!.Count, Config.MaxLength, Splits!.Labels.Count, 0.1);

    private T Timed<T>(string phase, Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        var result = work();
        phases[phase] = phases.GetValueOrDefault(phase) + clock.Elapsed;
        log($"{phase}: {clock.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    /// <summary>Loads the data, trains (or reloads) the vocabulary and encodes every split.</summary>
    public void PrepareData() => Timed("data", () =>
    {
        Splits = Config.Data == "spam-assassin"
            ? SpamAssassin.Shipped()
            : DatasetSplits.Stratified(Config.Data, TextTable.Labelled(Config.Data, Config.TextColumn, Config.LabelColumn), 0.1, 0.1, Config.Seed);
        if (File.Exists(Directory.Vocabulary)) Vocabulary = Vocabulary.Load(Directory.Vocabulary);
        else
        {
            Vocabulary = new WordPieceTrainer(Config.Vocabulary).Train(Splits.Train.Select(e => e.Text));
            Vocabulary.Save(Directory.Vocabulary);
        }
        var tokenizer = new WordPieceTokenizer(Vocabulary);
        List<EncodedExample> Encode(IReadOnlyList<LabelledExample> examples) =>
            examples.Select(e => new EncodedExample(tokenizer.EncodeForModel(e.Text, Config.MaxLength), Splits.LabelIndex(e.Label))).ToList();
        (Train, Validation, Test) = (Encode(Splits.Train), Encode(Splits.Validation), Encode(Splits.Test));
        Directory.Save(Config);
        log($"data: {Splits.Name}: train {Train.Count}, validation {Validation.Count}, test {Test.Count}; vocabulary {Vocabulary.Count}");
        return 0;
    });

    private SupernetTrainingOptions TrainingOptions => new(Steps: Config.SupernetSteps, LearningRate: Config.LearningRate,
        RandomSubnets: Config.RandomSubnets, Seed: Config.Seed, CheckpointEvery: Math.Max(1, Config.SupernetSteps / 10));

    /// <summary>Trains the supernet (resuming from the run's checkpoint when there is one) and writes the health check.</summary>
    public Supernet TrainSupernet(Action<int, int, double>? progress = null) => Timed("supernet training", () =>
    {
        torch.manual_seed(Config.Seed);
        supernet = new Supernet(Space.Engine, SupernetOptions);
        using var trainer = new SupernetTrainer(supernet, Train, Batcher, TrainingOptions);
        if (File.Exists(Directory.SupernetCheckpoint))
        {
            SupernetCheckpoint.Load(trainer, Directory.SupernetCheckpoint);
            log($"resumed supernet training at step {trainer.Step}");
        }
        trainer.Train(progress: (step, loss) => progress?.Invoke(step, Config.SupernetSteps, loss), checkpointPath: Directory.SupernetCheckpoint);
        var health = SupernetHealth.Check(supernet, Validation, new Batcher(64, 0), randomSubnets: 6, seed: Config.Seed);
        health.Save(Directory.Health);
        log("supernet health:\n" + health);
        return supernet;
    });

    /// <summary>The trained supernet of this run, from memory or from its checkpoint.</summary>
    public Supernet LoadSupernet()
    {
        if (supernet is not null) return supernet;
        if (!File.Exists(Directory.SupernetCheckpoint))
            throw new FileNotFoundException($"{Directory.SupernetCheckpoint}: the run has no trained supernet; run 'train' first", Directory.SupernetCheckpoint);
        supernet = new Supernet(Space.Engine, SupernetOptions);
        using var trainer = new SupernetTrainer(supernet, Train, Batcher, TrainingOptions);
        SupernetCheckpoint.Load(trainer, Directory.SupernetCheckpoint);
        return supernet;
    }

    public LatencyMeter Latency => new(Config.MaxLength, Config.LatencyBatch);

    /// <summary>The latency budget in ms: the configured one, or a fraction of the largest architecture's measured latency.</summary>
    public double LatencyBudget()
    {
        if (Config.LatencyBudgetMs is { } ms) return ms;
        using var largest = LoadSupernet().Extract(Plan(Space.Engine.Extreme(largest: true)));
        largest.eval();
        return Config.LatencyBudgetFraction * Latency.Measure(largest);
    }

    public SubnetPlan Plan(Genes genes) => SubnetPlan.From(Space.Engine, Space.Engine.ToValues(genes));

    public string Json(Genes genes) => ArchitectureJson.Write(Space.Name, Space.Engine, Space.Engine.ToValues(genes));

    /// <summary>Runs (or resumes) the search, appending every evaluation to results.jsonl and writing pareto.csv and pareto.svg.</summary>
    public EvolutionarySearch RunSearch(double budget, Action<int, int>? progress = null) => Timed("search", () =>
    {
        var evaluator = new SupernetEvaluator(LoadSupernet(), Validation, new Batcher(64, 0), Latency);
        var options = new SearchOptions(Config.Population, Config.Generations, Cost: Config.Cost, MaxLatencyMs: budget, Seed: Config.Seed);
        var search = File.Exists(Directory.SearchState)
            ? SearchState.Resume(Space.Engine, options, evaluator.Evaluate, Directory.SearchState)
            : new EvolutionarySearch(Space.Engine, options, evaluator.Evaluate);
        if (search.Generation == 0 && File.Exists(Directory.Results)) File.Delete(Directory.Results);
        var total = Config.Population * Config.Generations;
        search.Run(Directory.SearchState,
            afterGeneration: s => log($"generation {s.Generation}/{Config.Generations}: {s.All.Count} evaluated, front of {s.Front.Count}"),
            afterEvaluation: e =>
            {
                File.AppendAllText(Directory.Results, JsonSerializer.Serialize(new
                {
                    generation = e.Generation, architecture = JsonDocument.Parse(Json(e.Genes)).RootElement,
                    accuracy = e.Metrics.Accuracy, loss = e.Metrics.Loss, latency_ms = e.Metrics.LatencyMs, flops = e.Metrics.Flops, parameters = e.Metrics.Parameters,
                }) + "\n");
                progress?.Invoke(Math.Min(total, search.All.Count), total);
            });
        var front = search.Front.Select(e => e.Key).ToHashSet();
        File.WriteAllText(Directory.ParetoCsv, ParetoCsv.Write(search.All.Select(e => (Json(e.Genes), e)).ToList(), front));
        File.WriteAllText(Directory.ParetoSvg, ParetoSvg.Write(search.All, front, $"{Space.Name}: accuracy against cost (front in red)"));
        return search;
    });

    /// <summary>The most accurate architecture on the front (all of which respect the budget).</summary>
    public static Evaluated Choose(EvolutionarySearch search) =>
        search.Front.OrderByDescending(e => e.Metrics.Accuracy).ThenBy(e => e.Metrics.LatencyMs).FirstOrDefault()
        ?? throw new InvalidOperationException("no evaluated architecture meets the latency budget; raise --latency-budget or --latency-fraction");

    /// <summary>Fine-tunes a model on the training split and scores it on the test split as a standalone model.</summary>
    public ModelScore FineTuneAndTest(string name, ExtractedSubnet model, int steps, double learningRate) =>
        Timed("fine-tuning and comparison", () => TrainAndTest(name, model, steps, learningRate));

    private ModelScore TrainAndTest(string name, ExtractedSubnet model, int steps, double learningRate)
    {
        var training = new ClassifierTraining(model, Batcher, new ClassifierTrainingOptions(Steps: Math.Max(1, steps), LearningRate: learningRate, Seed: Config.Seed));
        if (steps > 0) training.Train(Train);
        var validation = training.Evaluate(Validation, Splits!.Labels.Count, PositiveClass);
        var test = training.Evaluate(Test, Splits.Labels.Count, PositiveClass);
        model.eval();
        var latency = Latency.Measure(model);
        log($"{name}: test accuracy {test.Accuracy:P2}, F1 {test.F1:F4}, latency {latency:F2} ms, {model.encoder.parameter_count():N0} parameters");
        return new ModelScore(name, validation.Accuracy, test.Accuracy, test.F1, latency, model.encoder.parameter_count());
    }

    private int? PositiveClass => Splits!.Labels.ToList().IndexOf("spam") is var i && i >= 0 ? i : null;

    /// <summary>Writes the model's weights (safetensors) and configuration (JSON) into a directory.</summary>
    public void SaveModel(ExtractedSubnet model, Genes genes, string path)
    {
        System.IO.Directory.CreateDirectory(path);
        SafeTensors.Save(Path.Combine(path, "model.safetensors"), model.named_parameters().ToDictionary(p => p.Key, p => (Tensor)p.Value),
            new Dictionary<string, string> { ["space"] = Space.Name });
        var config = new ModelConfig(Space.Name, Json(genes), Vocabulary!.Count, Config.MaxLength, Splits!.Labels.ToArray(), Directory.Vocabulary);
        File.WriteAllText(Path.Combine(path, "model.json"), JsonSerializer.Serialize(config, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Among uniform architectures (every layer alike) drawn from the space, the one closest in FLOPs to the target.</summary>
    public Genes UniformBaseline(long flops)
    {
        var engine = Space.Engine;
        var random = SplitMixRandom.FromSeed(Config.Seed);
        var candidates = new Dictionary<string, Genes>();
        for (var i = 0; i < 3000; i++)
        {
            var sample = engine.Sample(random);
            var uniform = new Genes(sample.Global, Enumerable.Repeat(sample.Layers[0], sample.Layers.Length).ToArray());
            if (engine.Contains(uniform)) candidates.TryAdd(string.Join(",", engine.Encode(uniform)), uniform);
        }
        return candidates.Values.MinBy(g => Math.Abs(engine.Flops(g, Config.MaxLength) - flops))!;
    }

    public void Dispose() => supernet?.Dispose();
}

/// <summary>A standalone model's scores: validation and test accuracy, test F1, measured latency and size.</summary>
public sealed record ModelScore(string Name, double ValidationAccuracy, double TestAccuracy, double TestF1, double LatencyMs, long Parameters);

/// <summary>model.json: what is needed to rebuild and use an extracted model.</summary>
public sealed record ModelConfig(string Space, string Architecture, int VocabularySize, int MaxLength, string[] Labels, string VocabularyPath);
