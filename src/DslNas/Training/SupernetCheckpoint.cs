using System.Globalization;
using System.Text.Json;

namespace DslNas.Training;

/// <summary>
/// A supernet training checkpoint (<see cref="TrainingCheckpoint"/>): the supernet's weights and AdamW's moments,
/// and in the metadata the step, the data position and the sandwich sampler's random state besides what every
/// training checkpoint holds. A corrupt checkpoint, or one from another supernet or other options, is refused with
/// the reason.
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
        });

    /// <summary>Restores the trainer (and its supernet) to the checkpoint's state.</summary>
    public static void Load(SupernetTrainer trainer, string path)
    {
        var fields = TrainingCheckpoint.Load(path, Subject(trainer), Counters);
        trainer.Restore(fields.Int("step"), fields.Int("epoch"), fields.Int("position"), fields.UInt64("sampler_state"));
    }

    private static CheckpointSubject Subject(SupernetTrainer trainer) =>
        new(Format, "supernet", trainer.Net, trainer.Optimizer, JsonSerializer.Serialize(trainer.Options));
}
