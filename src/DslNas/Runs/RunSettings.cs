using DslNas.Search;

namespace DslNas.Runs;

/// <summary>Every setting a driver exposes as a flag, in the order it lists them.</summary>
public static class RunSettings
{
    public static RunSetting<string> Method { get; } = new("method", "the search method (see 'methods')", SettingScope.Identity,
        o => o.Method, (o, v) => o with { Method = v });

    public static RunSetting<string> Space { get; } = new("space", "the search space (see 'spaces')", SettingScope.Identity,
        o => o.Space, (o, v) => o with { Space = v });

    public static IReadOnlyList<RunSetting> All { get; } =
    [
        Method,
        Space,
        new RunSetting<string>("data", "a built-in dataset ('spam-assassin', 'sotu-era'; see 'datasets') or a .tsv/.csv/.jsonl file", SettingScope.Fixed,
            o => o.Data.Data, (o, v) => o with { Data = o.Data with { Data = v } }),
        new RunSetting<string>("text-column", "text column of a data file", SettingScope.Fixed,
            o => o.Data.TextColumn, (o, v) => o with { Data = o.Data with { TextColumn = v } }),
        new RunSetting<string>("label-column", "label column of a data file", SettingScope.Fixed,
            o => o.Data.LabelColumn, (o, v) => o with { Data = o.Data with { LabelColumn = v } }),
        new RunSetting<int>("vocabulary", "WordPiece vocabulary size", SettingScope.Fixed,
            o => o.Data.Vocabulary, (o, v) => o with { Data = o.Data with { Vocabulary = v } }),
        new RunSetting<int>("max-length", "tokens per text (and the latency length)", SettingScope.Fixed,
            o => o.Data.MaxLength, (o, v) => o with { Data = o.Data with { MaxLength = v } }),
        new RunSetting<int>("batch", "batch size", SettingScope.Fixed,
            o => o.Data.BatchSize, (o, v) => o with { Data = o.Data with { BatchSize = v } }),
        new RunSetting<double>("search-fraction", "share of the training data held out for the search to rank on", SettingScope.Fixed,
            o => o.Data.SearchFraction, (o, v) => o with { Data = o.Data with { SearchFraction = v } }),
        new RunSetting<int>("seed", "random seed (data split, initialization, sampling, search)", SettingScope.Fixed,
            o => o.Seed, (o, v) => o with { Seed = v }),
        new RunSetting<string>("teacher", "'none', 'pretrain' (MLM pre-training of a dense teacher, cached) or a directory in the BERT layout", SettingScope.Fixed,
            o => o.Teacher.Source, (o, v) => o with { Teacher = o.Teacher with { Source = v } }),
        new RunSetting<int>("teacher-steps", "MLM pre-training steps of the teacher", SettingScope.Fixed,
            o => o.Teacher.Steps, (o, v) => o with { Teacher = o.Teacher with { Steps = v } }),
        new RunSetting<string>("init", "start the supernet from the teacher's weights ('teacher') or from random ones ('random')", SettingScope.Fixed,
            o => o.Teacher.InitializeSupernet ? "teacher" : "random",
            (o, v) => o with { Teacher = o.Teacher with { InitializeSupernet = v switch { "teacher" => true, "random" => false, _ => throw new ArgumentException($"--init must be 'teacher' or 'random', got '{v}'") } } }),
        new RunSetting<int>("steps", "supernet training steps", SettingScope.Fixed,
            o => o.Training.Steps, (o, v) => o with { Training = o.Training with { Steps = v } }),
        new RunSetting<double>("learning-rate", "peak learning rate of supernet training", SettingScope.Fixed,
            o => o.Training.LearningRate, (o, v) => o with { Training = o.Training with { LearningRate = v } }),
        new RunSetting<double>("length-drop", "LengthDrop's bound p: each layer keeps at least ceil((1 - p) x) of the x tokens before it; the smallest sandwich subnet keeps exactly that", SettingScope.Fixed,
            o => o.Training.LengthDrop, (o, v) => o with { Training = o.Training with { LengthDrop = v } }),
        new RunSetting<double>("layer-drop", "LayerDrop: probability that a random sandwich subnet skips an inner layer (the Length-Adaptive Transformer's paper uses 0.2)", SettingScope.Fixed,
            o => o.Training.LayerDrop, (o, v) => o with { Training = o.Training with { LayerDrop = v } }),
        new RunSetting<double>("min-health-spearman", "the health gate: least rank correlation of subnet size and accuracy", SettingScope.Overridable,
            o => o.Health.MinSpearman, (o, v) => o with { Health = o.Health with { MinSpearman = v } }),
        new RunSetting<int>("population", "NSGA-II population; for the length search, the constant-rate genes that seed it", SettingScope.Search,
            o => o.Search.Population, (o, v) => o with { Search = o.Search with { Population = v } }),
        new RunSetting<int>("generations", "NSGA-II generations", SettingScope.Search,
            o => o.Search.Generations, (o, v) => o with { Search = o.Search with { Generations = v } }),
        new RunSetting<int>("iterations", "length search: iterations (the paper's commands: 30)", SettingScope.Search,
            o => o.Search.Lengths.Iterations, (o, v) => o with { Search = o.Search with { Lengths = o.Search.Lengths with { Iterations = v } } }),
        new RunSetting<int>("mutations", "length search: successful mutations per iteration (the paper's: 30)", SettingScope.Search,
            o => o.Search.Lengths.Mutations, (o, v) => o with { Search = o.Search with { Lengths = o.Search.Lengths with { Mutations = v } } }),
        new RunSetting<double>("mutation-prob", "length search: probability that a mutation changes a layer's length", SettingScope.Search,
            o => o.Search.Lengths.MutationProbability, (o, v) => o with { Search = o.Search with { Lengths = o.Search.Lengths with { MutationProbability = v } } }),
        new RunSetting<int>("crossovers", "length search: successful crossovers per iteration (the paper's: 30)", SettingScope.Search,
            o => o.Search.Lengths.Crossovers, (o, v) => o with { Search = o.Search with { Lengths = o.Search.Lengths with { Crossovers = v } } }),
        new RunSetting<CostObjective>("cost", "the cost to trade against accuracy", SettingScope.Search,
            o => o.Search.Cost, (o, v) => o with { Search = o.Search with { Cost = v } }),
        new RunSetting<double?>("latency-budget", "latency budget in ms (default: a fraction of the largest architecture's)", SettingScope.Search,
            o => o.Search.MaxLatencyMs, (o, v) => o with { Search = o.Search with { MaxLatencyMs = v } }),
        new RunSetting<double?>("flops-budget", "FLOPs budget per sequence at --max-length tokens (none by default)", SettingScope.Search,
            o => o.Search.MaxFlops, (o, v) => o with { Search = o.Search with { MaxFlops = v } }),
        new RunSetting<double>("latency-fraction", "budget as a fraction of the largest architecture's latency", SettingScope.Search,
            o => o.Latency.BudgetFraction, (o, v) => o with { Latency = o.Latency with { BudgetFraction = v } }),
        new RunSetting<int>("latency-batch", "batch size of latency measurements", SettingScope.Search,
            o => o.Latency.Batch, (o, v) => o with { Latency = o.Latency with { Batch = v } }),
        new RunSetting<int>("fine-tune-steps", "fine-tuning steps of extracted models", SettingScope.Overridable,
            o => o.FineTune.Steps, (o, v) => o with { FineTune = o.FineTune with { Steps = v } }),
        new RunSetting<double>("fine-tune-learning-rate", "learning rate of fine-tuning", SettingScope.Overridable,
            o => o.FineTune.LearningRate, (o, v) => o with { FineTune = o.FineTune with { LearningRate = v } }),
    ];
}
