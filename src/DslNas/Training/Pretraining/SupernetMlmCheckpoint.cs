using System.Globalization;
using System.Text.Json;

namespace DslNas.Training.Pretraining;

/// <summary>
/// A checkpoint of a supernet's MLM pre-training (<see cref="TrainingCheckpoint"/>): the supernet's weights and AdamW's
/// moments, and in the metadata the step, the data position and the sandwich sampler's random state, with a
/// fingerprint of the packed sequences. A corrupt checkpoint, or one of another supernet, other options or other data,
/// is refused with the reason.
/// </summary>
public static class SupernetMlmCheckpoint
{
    private const string Format = "dslnas-supernet-mlm-checkpoint/1";
    private static readonly string[] Counters = ["step", "epoch", "position", "sampler_state"];

    public static void Save(SupernetMlmPretrainer trainer, string path) =>
        TrainingCheckpoint.Save(path, Subject(trainer), new Dictionary<string, string>
        {
            ["step"] = trainer.Step.ToString(CultureInfo.InvariantCulture),
            ["epoch"] = trainer.Epoch.ToString(CultureInfo.InvariantCulture),
            ["position"] = trainer.Position.ToString(CultureInfo.InvariantCulture),
            ["sampler_state"] = trainer.Random.State.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>Restores the trainer (and its supernet) to the checkpoint's state.</summary>
    public static void Load(SupernetMlmPretrainer trainer, string path)
    {
        var fields = TrainingCheckpoint.Load(path, Subject(trainer), Counters);
        trainer.Restore(fields.Int("step"), fields.Int("epoch"), fields.Int("position"), fields.UInt64("sampler_state"));
    }

    private static CheckpointSubject Subject(SupernetMlmPretrainer trainer) =>
        new(Format, "supernet (MLM pre-training)", trainer.Net, trainer.Optimizer,
            JsonSerializer.Serialize(new { trainer.Options, trainer.RandomSubnets }), trainer.DataFingerprint);
}
