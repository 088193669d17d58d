using System.Globalization;
using System.Text.Json;

namespace DslNas.Training.Pretraining;

/// <summary>
/// A pre-training checkpoint (<see cref="TrainingCheckpoint"/>): the model's weights and AdamW's moments, and in the
/// metadata the step and the data position besides what every training checkpoint holds, with a fingerprint of the
/// packed sequences. Masks and batch order follow from the seed, the epoch and the position, so nothing else is
/// needed to resume exactly. A corrupt checkpoint, or one of another model, other options or other data, is refused.
/// </summary>
public static class MlmCheckpoint
{
    private const string Format = "dslnas-mlm-checkpoint/1";
    private static readonly string[] Counters = ["step", "epoch", "position"];

    public static void Save(MlmPretrainer trainer, string path) =>
        TrainingCheckpoint.Save(path, Subject(trainer), new Dictionary<string, string>
        {
            ["step"] = trainer.Step.ToString(CultureInfo.InvariantCulture),
            ["epoch"] = trainer.Epoch.ToString(CultureInfo.InvariantCulture),
            ["position"] = trainer.Position.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>Restores the trainer (and its model) to the checkpoint's state.</summary>
    public static void Load(MlmPretrainer trainer, string path)
    {
        var fields = TrainingCheckpoint.Load(path, Subject(trainer), Counters);
        trainer.Restore(fields.Int("step"), fields.Int("epoch"), fields.Int("position"));
    }

    private static CheckpointSubject Subject(MlmPretrainer trainer) =>
        new(Format, "MLM model", trainer.Model, trainer.Optimizer, JsonSerializer.Serialize(trainer.Options), trainer.DataFingerprint);
}
