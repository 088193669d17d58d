using DslNas.Data.Batching;
using DslNas.Distributed;
using DslNas.Nn;
using DslNas.Torch;
using DslNas.Training;

namespace DslNas.Runs;

/// <summary>The run's weight-sharing supernet: created from the run's seed, trained by a method's stage, loaded once per process from its checkpoint.</summary>
public static class RunSupernet
{
    private const string Key = "supernet";

    public static Supernet Create(RunContext context)
    {
        torch.manual_seed(context.Options.Seed);
        var supernet = new Supernet(context.Space.Engine, ModelOptions(context));
        context.Keep(Key, supernet);
        return supernet;
    }

    /// <summary>The trained supernet, from memory or from the run's checkpoint.</summary>
    public static Supernet Load(RunContext context) => context.Loaded(Key, () =>
    {
        if (!File.Exists(context.Directory.SupernetCheckpoint))
            throw new FileNotFoundException($"{context.Directory.SupernetCheckpoint}: the run has no trained supernet; run 'train' first", context.Directory.SupernetCheckpoint);
        torch.manual_seed(context.Options.Seed);
        var supernet = new Supernet(context.Space.Engine, ModelOptions(context));
        using var trainer = new SupernetTrainer(supernet, context.Data.Train, new Batcher(context.Options.Data.BatchSize, 0), TrainingOptions(context.Options));
        SupernetCheckpoint.Load(trainer, context.Directory.SupernetCheckpoint);
        return supernet;
    });

    /// <summary>A trainer of the run's supernet, data-parallel over the run's ranks.</summary>
    public static SupernetTrainer Trainer(RunContext context, Supernet supernet) =>
        new(supernet, context.Data.Train, new Batcher(context.Options.Data.BatchSize, 0), TrainingOptions(context.Options), new DataParallel(context.World));

    public static SupernetOptions ModelOptions(RunContext context) =>
        new(context.Data.Vocabulary.Count, context.Options.Data.MaxLength, context.Data.Classes, 0.1, context.Options.LayerNorm);

    private static SupernetTrainingOptions TrainingOptions(RunOptions options) => options.Training with
    {
        Seed = options.Seed,
        CheckpointEvery = options.Training.CheckpointEvery > 0 ? options.Training.CheckpointEvery : Math.Max(1, options.Training.Steps / 10),
    };
}
