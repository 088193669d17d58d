using System.Globalization;
using DslNas.Data.Text;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Training.Pretraining;

namespace DslNas.Methods.OneShot;

/// <summary>
/// MLM pre-training of the whole supernet on the teacher's corpus (<see cref="SupernetMlmPretrainer"/>), resumable
/// from its own checkpoint; logs the held-out MLM figures of the largest and the smallest subnet afterwards.
/// </summary>
internal static class SupernetPretraining
{
    public static void Run(RunContext context, Supernet supernet)
    {
        var options = context.Options;
        var data = context.Data;
        var tokenizer = new WordPieceTokenizer(data.Vocabulary);
        var (_, texts, heldOut) = TeacherStage.Corpus(context);
        var pretraining = options.SupernetPretraining;
        var training = new MlmPretrainingOptions(Steps: pretraining.Steps, LearningRate: pretraining.LearningRate, BatchSize: pretraining.BatchSize,
            Seed: options.Seed, CheckpointEvery: Math.Max(1, pretraining.Steps / 10));
        using var trainer = new SupernetMlmPretrainer(supernet, data.Vocabulary, SequencePacking.Pack(texts, tokenizer, options.Data.MaxLength), training,
            options.Training.RandomSubnets);
        var checkpoint = context.Directory.SupernetMlmCheckpoint;
        if (File.Exists(checkpoint))
        {
            SupernetMlmCheckpoint.Load(trainer, checkpoint);
            context.Log($"resumed the supernet's MLM pre-training at step {trainer.Step}");
        }
        context.Log($"supernet MLM pre-training on {texts.Count:N0} training texts, {pretraining.Steps} steps (sandwich rule, in-place distillation on the MLM logits)");
        context.Timed("supernet MLM pre-training", () => context.Events.Progress("supernet MLM pre-training", report =>
        {
            trainer.Train(progress: (step, loss) => report(step, pretraining.Steps, string.Create(CultureInfo.InvariantCulture, $"MLM loss {loss:F3}")),
                checkpointPath: checkpoint);
            return 0;
        }));
        var evaluation = new MlmEvaluation(SequencePacking.Pack(heldOut, tokenizer, options.Data.MaxLength), data.Vocabulary, seed: options.Teacher.Seed);
        supernet.eval();
        foreach (var (name, largest) in new[] { ("largest", true), ("smallest", false) })
        {
            var plan = context.Space.Engine.Plan(context.Space.Engine.Extreme(largest));
            var score = evaluation.Evaluate((ids, keepMask) => supernet.MaskedLanguageModel(ids, keepMask, plan));
            context.Log(string.Create(CultureInfo.InvariantCulture,
                $"supernet after MLM pre-training, {name} subnet: held-out MLM loss {score.Loss:F3}, accuracy {score.Accuracy:P2}, perplexity {score.Perplexity:F1}"));
        }
        supernet.train();
    }
}
