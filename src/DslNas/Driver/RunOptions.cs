using System.CommandLine;
using DslNas.Runs;
using DslNas.Search;

namespace DslNas.Driver;

/// <summary>The options every run command shares, turned into a <see cref="RunConfig"/>.</summary>
internal sealed class RunOptions
{
    private static readonly RunConfig Defaults = new();

    public Option<string> Space { get; } = new("--space") { Description = "the search space (see 'spaces')", DefaultValueFactory = _ => Defaults.Space };
    public Option<string?> Run { get; } = new("--run") { Description = "the run directory (default: runs/<space>-<time>)" };
    public Option<string> Data { get; } = new("--data") { Description = "'spam-assassin' or a .tsv/.csv/.jsonl file", DefaultValueFactory = _ => Defaults.Data };
    public Option<string> TextColumn { get; } = new("--text-column") { Description = "text column of a data file", DefaultValueFactory = _ => Defaults.TextColumn };
    public Option<string> LabelColumn { get; } = new("--label-column") { Description = "label column of a data file", DefaultValueFactory = _ => Defaults.LabelColumn };
    public Option<int> Vocabulary { get; } = new("--vocabulary") { Description = "WordPiece vocabulary size", DefaultValueFactory = _ => Defaults.Vocabulary };
    public Option<int> MaxLength { get; } = new("--max-length") { Description = "tokens per text (and the latency length)", DefaultValueFactory = _ => Defaults.MaxLength };
    public Option<int> Batch { get; } = new("--batch") { Description = "batch size", DefaultValueFactory = _ => Defaults.BatchSize };
    public Option<int> Steps { get; } = new("--steps") { Description = "supernet training steps", DefaultValueFactory = _ => Defaults.SupernetSteps };
    public Option<double> LearningRate { get; } = new("--learning-rate") { Description = "peak learning rate of supernet training", DefaultValueFactory = _ => Defaults.LearningRate };
    public Option<int> Population { get; } = new("--population") { Description = "NSGA-II population", DefaultValueFactory = _ => Defaults.Population };
    public Option<int> Generations { get; } = new("--generations") { Description = "NSGA-II generations", DefaultValueFactory = _ => Defaults.Generations };
    public Option<CostObjective> Cost { get; } = new("--cost") { Description = "the cost to trade against accuracy", DefaultValueFactory = _ => Defaults.Cost };
    public Option<double?> LatencyBudget { get; } = new("--latency-budget") { Description = "latency budget in ms (batch 1)" };
    public Option<double> LatencyFraction { get; } = new("--latency-fraction") { Description = "budget as a fraction of the largest architecture's latency", DefaultValueFactory = _ => Defaults.LatencyBudgetFraction };
    public Option<int> LatencyBatch { get; } = new("--latency-batch") { Description = "batch size of latency measurements", DefaultValueFactory = _ => Defaults.LatencyBatch };
    public Option<int> FineTuneSteps { get; } = new("--fine-tune-steps") { Description = "fine-tuning steps of the chosen model", DefaultValueFactory = _ => Defaults.FineTuneSteps };
    public Option<int> Seed { get; } = new("--seed") { Description = "random seed", DefaultValueFactory = _ => Defaults.Seed };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Space, Run, Data, TextColumn, LabelColumn, Vocabulary, MaxLength, Batch, Steps, LearningRate, Population, Generations, Cost, LatencyBudget, LatencyFraction, LatencyBatch, FineTuneSteps, Seed })
            command.Options.Add(option);
    }

    public RunConfig Config(ParseResult result) => new(
        result.GetValue(Space)!, result.GetValue(Data)!, result.GetValue(TextColumn)!, result.GetValue(LabelColumn)!, result.GetValue(Vocabulary),
        result.GetValue(MaxLength), result.GetValue(Batch), result.GetValue(Steps), result.GetValue(LearningRate), Defaults.RandomSubnets,
        result.GetValue(Population), result.GetValue(Generations), result.GetValue(Cost), result.GetValue(LatencyFraction), result.GetValue(LatencyBudget),
        result.GetValue(FineTuneSteps), Defaults.FineTuneLearningRate, result.GetValue(Seed), result.GetValue(LatencyBatch));

    public string RunDirectory(ParseResult result) =>
        result.GetValue(Run) ?? Path.Combine("runs", $"{result.GetValue(Space)}-{DateTime.Now:yyyyMMdd-HHmmss}");
}
