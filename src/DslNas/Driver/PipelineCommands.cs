using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DslNas.Data.Text;
using DslNas.Engine;
using DslNas.Nn;
using DslNas.Reporting;
using DslNas.Runs;
using DslNas.Search;
using DslNas.Torch;
using DslNas.Torch.Serialization;
using Spectre.Console;

namespace DslNas.Driver;

/// <summary>train, search, extract, evaluate and run (all of them, the default).</summary>
internal static class PipelineCommands
{
    public static SearchRun Open(RunOptions options, ParseResult result)
    {
        var config = options.Config(result);
        var space = SpaceCatalog.Get(config.Space);
        var directory = new RunDirectory(options.RunDirectory(result));
        Console.WriteLine($"run directory: {directory.Path}");
        var run = new SearchRun(space, directory, config, message => Console.WriteLine(message));
        run.PrepareData();
        return run;
    }

    public static void Train(SearchRun run) =>
        ProgressReporter.Run("supernet training", report => run.TrainSupernet((step, total, loss) =>
            report(step, total, string.Create(CultureInfo.InvariantCulture, $"loss {loss:F4}"))));

    public static (EvolutionarySearch Search, double Budget) Search(SearchRun run)
    {
        var budget = run.LatencyBudget();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency budget: {budget:F2} ms (batch {run.Config.LatencyBatch}, {run.Config.MaxLength} tokens)"));
        var search = ProgressReporter.Run("search", report => run.RunSearch(budget, (done, total) => report(done, total, null)));
        var table = new Table().AddColumns("accuracy", "latency (ms)", "FLOPs", "parameters");
        foreach (var e in search.Front)
            table.AddRow(e.Metrics.Accuracy.ToString("P2", CultureInfo.InvariantCulture), e.Metrics.LatencyMs.ToString("F2", CultureInfo.InvariantCulture),
                e.Metrics.Flops.ToString("N0", CultureInfo.InvariantCulture), e.Metrics.Parameters.ToString("N0", CultureInfo.InvariantCulture));
        AnsiConsole.Write(new Rule("front (supernet validation accuracy)"));
        AnsiConsole.Write(table);
        return (search, budget);
    }

    /// <summary>Every stage, then the comparison with the largest architecture and a uniform baseline, and report.md.</summary>
    public static int Pipeline(RunOptions options, ParseResult result)
    {
        using var run = Open(options, result);
        Train(run);
        var (search, budget) = Search(run);
        var chosen = SearchRun.Choose(search);
        var supernet = run.LoadSupernet();
        var scores = new List<ModelScore>();
        using (var model = supernet.Extract(run.Plan(chosen.Genes)))
        {
            scores.Add(ProgressReporter.Run("fine-tuning the chosen model", _ => run.FineTuneAndTest("searched (extracted, fine-tuned)", model, run.Config.FineTuneSteps, run.Config.FineTuneLearningRate)));
            run.SaveModel(model, chosen.Genes, run.Directory.Model);
        }
        using (var largest = supernet.Extract(run.Plan(run.Space.Engine.Extreme(largest: true))))
            scores.Add(run.FineTuneAndTest("largest (extracted, fine-tuned)", largest, run.Config.FineTuneSteps, run.Config.FineTuneLearningRate));
        var uniform = run.UniformBaseline(chosen.Metrics.Flops);
        torch.manual_seed(run.Config.Seed + 1);
        using (var baseline = ExtractedSubnet.Create(run.Plan(uniform), run.SupernetOptions))
            scores.Add(run.FineTuneAndTest("uniform baseline (from scratch)", baseline, run.Config.SupernetSteps + run.Config.FineTuneSteps, run.Config.LearningRate));
        File.WriteAllText(run.Directory.Report, RunReport.Write(run, search, chosen, budget, scores));

        var table = new Table().AddColumns("model", "test accuracy", "test F1", "latency (ms)", "parameters");
        foreach (var s in scores)
            table.AddRow(Markup.Escape(s.Name), s.TestAccuracy.ToString("P2", CultureInfo.InvariantCulture), s.TestF1.ToString("F4", CultureInfo.InvariantCulture),
                s.LatencyMs.ToString("F2", CultureInfo.InvariantCulture), s.Parameters.ToString("N0", CultureInfo.InvariantCulture));
        AnsiConsole.Write(new Rule("result"));
        AnsiConsole.Write(table);
        Console.WriteLine($"chosen architecture: {run.Json(chosen.Genes)}");
        Console.WriteLine($"report: {run.Directory.Report}");
        Console.WriteLine($"total: {run.Phases.Values.Sum(t => t.TotalSeconds):F0} s");
        return 0;
    }

    /// <summary>Writes a subnet of the run's supernet: the chosen one by default, or the given architecture (JSON or a file holding it).</summary>
    public static int Extract(RunOptions options, ParseResult result, string? architecture, string? output)
    {
        using var run = Open(options, result);
        var engine = run.Space.Engine;
        Genes genes;
        if (architecture is null)
        {
            if (!File.Exists(run.Directory.SearchState))
                throw new FileNotFoundException($"{run.Directory.SearchState}: the run has no search yet; run 'search' or give --architecture", run.Directory.SearchState);
            var search = SearchState.Resume(engine, new SearchOptions(run.Config.Population, run.Config.Generations, Cost: run.Config.Cost,
                MaxLatencyMs: BudgetOf(run), Seed: run.Config.Seed), _ => throw new InvalidOperationException("extraction evaluates nothing"), run.Directory.SearchState);
            genes = SearchRun.Choose(search).Genes;
        }
        else
        {
            var json = File.Exists(architecture) ? File.ReadAllText(architecture) : architecture;
            var (parsed, problems) = engine.FromValues(ArchitectureJson.Read(run.Space.Name, engine, json));
            genes = parsed ?? throw new FormatException($"the architecture is not in search space '{run.Space.Name}': {string.Join("; ", problems)}");
        }
        using var model = run.LoadSupernet().Extract(run.Plan(genes));
        var target = output ?? run.Directory.Model;
        run.SaveModel(model, genes, target);
        Console.WriteLine($"extracted {run.Json(genes)} ({model.encoder.parameter_count():N0} encoder parameters) to {Path.GetFullPath(target)}");
        return 0;
    }

    private static double? BudgetOf(SearchRun run)
    {
        var state = JsonDocument.Parse(File.ReadAllText(run.Directory.SearchState)).RootElement.GetProperty("Options").GetString()!;
        return JsonSerializer.Deserialize<SearchOptions>(state)!.MaxLatencyMs;
    }

    /// <summary>Scores a saved model on the test split as a standalone model (no supernet involved).</summary>
    public static int Evaluate(string modelDirectory, string data, string textColumn, string labelColumn)
    {
        var configPath = Path.Combine(modelDirectory, "model.json");
        if (!File.Exists(configPath)) throw new FileNotFoundException($"{configPath}: not a model directory written by 'extract' or 'run'", configPath);
        var config = JsonSerializer.Deserialize<ModelConfig>(File.ReadAllText(configPath)) ?? throw new InvalidDataException($"{configPath}: empty model configuration");
        var space = SpaceCatalog.Get(config.Space);
        var (genes, problems) = space.Engine.FromValues(ArchitectureJson.Read(space.Name, space.Engine, config.Architecture));
        if (genes is null) throw new InvalidDataException($"{configPath}: the architecture is not in '{space.Name}': {string.Join("; ", problems)}");
        var plan = SubnetPlan.From(space.Engine, space.Engine.ToValues(genes));
        using var model = ExtractedSubnet.Create(plan, new SupernetOptions(config.VocabularySize, config.MaxLength, config.Labels.Length));
        using (var weights = SafeTensors.Load(Path.Combine(modelDirectory, "model.safetensors")))
            model.load_state_dict(weights.Tensors);
        model.eval();
        var splits = data == "spam-assassin" ? Data.Corpora.SpamAssassin.Shipped()
            : Data.Corpora.DatasetSplits.Stratified(data, Data.Corpora.TextTable.Labelled(data, textColumn, labelColumn, labels: config.Labels), 0.1, 0.1, 17);
        var tokenizer = new WordPieceTokenizer(Vocabulary.Load(config.VocabularyPath));
        var labels = config.Labels.ToList();
        var test = splits.Test.Select(e => new Data.Batching.EncodedExample(tokenizer.EncodeForModel(e.Text, config.MaxLength),
            labels.IndexOf(e.Label) is var i && i >= 0 ? i : throw new InvalidDataException($"{data}: label '{e.Label}' is unknown to the model ({string.Join(", ", labels)})"))).ToList();
        var training = new Training.ClassifierTraining(model, new Data.Batching.Batcher(64, 0), new Training.ClassifierTrainingOptions(Steps: 1));
        var positive = labels.IndexOf("spam");
        var metrics = training.Evaluate(test, labels.Count, positive >= 0 ? positive : null);
        var latency = new LatencyMeter(config.MaxLength).Measure(model);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{space.Name} model {config.Architecture}\ntest: accuracy {metrics.Accuracy:P2}, F1 {metrics.F1:F4} ({metrics.Count} examples); latency {latency:F2} ms (batch 1, {config.MaxLength} tokens)"));
        return 0;
    }
}
