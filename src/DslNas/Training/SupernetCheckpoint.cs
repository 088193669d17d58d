using System.Globalization;
using System.Text.Json;

namespace DslNas.Training;

/// <summary>
/// A supernet training checkpoint (<see cref="TrainingCheckpoint"/>): the supernet's weights and AdamW's moments,
/// and in the metadata the step, the data position and the sandwich sampler's random state besides what every
/// training checkpoint holds. A corrupt checkpoint, or one from another supernet or other options, is refused with
/// the reason. It records the number of ranks that trained it: a data-parallel run resumes with as many.
/// </summary>
public static class SupernetCheckpoint
{
    private const string Format = "dslnas-supernet-checkpoint/1";
    private static readonly string[] Counters = ["step", "epoch", "position", "sampler_state"];

    public static void Save(SupernetTrainer trainer, string path) =>
        TrainingCheckpoint.Save(path, Subject(trainer), new Dictionary<string, string>
        {
            ["step"] = trainer.Step.ToString(CultureInfo.InvariantCulture),
            ["epoch"] = trainer.Epoch.ToString(CultureInfo.InvariantCulture),
            ["position"] = trainer.Position.ToString(CultureInfo.InvariantCulture),
            ["sampler_state"] = trainer.Random.State.ToString(CultureInfo.InvariantCulture),
            ["world_size"] = trainer.Parallel.World.Size.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>Restores the trainer (and its supernet) to the checkpoint's state.</summary>
    public static void Load(SupernetTrainer trainer, string path)
    {
        var fields = TrainingCheckpoint.Load(path, Subject(trainer), Counters);
        trainer.Restore(fields.Int("step"), fields.Int("epoch"), fields.Int("position"), fields.UInt64("sampler_state"));
    }

    /// <summary>How many ranks trained the checkpoint (1 for one written before ranks were recorded).</summary>
    public static int Ranks(string path) =>
        TrainingCheckpoint.Peek(path, "world_size") is { } saved ? int.Parse(saved, CultureInfo.InvariantCulture) : 1;

    /// <summary>Training resumes with as many ranks as wrote the checkpoint: the global batch's shards and their order depend on them.</summary>
    public static void RequireRanks(string path, int ranks)
    {
        var saved = Ranks(path);
        if (saved != ranks)
            throw new InvalidDataException($"{path}: the checkpoint was trained by {saved} rank(s); resume its training with as many (--nproc {saved}, or WORLD_SIZE={saved}), not {ranks}");
    }

    private static CheckpointSubject Subject(SupernetTrainer trainer) =>
        new(Format, "supernet", trainer.Net, trainer.Optimizer, JsonSerializer.Serialize(trainer.Options));
}
