using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DslNas.Artifacts;
using DslNas.Data.Corpora;
using DslNas.Data.Text;
using DslNas.Engine;
using DslNas.Export;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training.Pretraining;

namespace DslNas.Runs;

/// <summary>What the teacher stage measured: where the teacher is, its shape, and for a pre-trained one its held-out MLM figures.</summary>
public sealed record TeacherSummary(string Directory, int Layers, int Hidden, int Heads, int Ffn, long Parameters, MlmScore? HeldOut, int Steps, double Seconds);

/// <summary>
/// The teacher stage: no teacher; the user's BERT-layout directory; or a dense encoder of the space's largest uniform
/// shape pre-trained with masked language modelling on the training texts of the built-in corpora and the task
/// (never validation or test text), cached by everything that determines it, so later runs reuse it.
/// </summary>
public static class TeacherStage
{
    public static MethodStage Stage { get; } = For(context => Shape(context.Space.Engine, context.Data.Vocabulary.Count, context.Options.Data.MaxLength));

    /// <summary>The teacher stage of a method that pre-trains its teacher in a shape of its own (e.g. Bort's maximum point).</summary>
    public static MethodStage For(Func<RunContext, TransformerEncoderConfig> shape) =>
        new("teacher", "load the teacher (--teacher DIR) or pre-train one with MLM (--teacher pretrain, cached)", StageScope.Run, context => Run(context, shape), Reload: true);

    private static void Run(RunContext context, Func<RunContext, TransformerEncoderConfig> shape)
    {
        var options = context.Options.Teacher;
        if (options.Source == TeacherOptions.None)
        {
            context.Log("teacher: none (the supernet starts from random weights)");
            return;
        }
        var directory = options.Source == TeacherOptions.Pretrain ? Pretrained(context, shape(context)) : Path.GetFullPath(options.Source);
        AtomicFile.WriteAllText(context.Directory.Teacher, directory);
        var checkpoint = RunTeacher.Checkpoint(context)!;
        var encoder = checkpoint.Encoder;
        context.Log($"teacher: {directory} ({encoder.Config.Layers.Count} layers, hidden {encoder.Config.Hidden}, {encoder.parameter_count():N0} parameters)");
        if (checkpoint.MlmHead is null)
            context.Log($"teacher: {directory} has no MLM head ({BertLayout.MlmBias}): distillation of its predictions decodes them with its word embeddings alone, without the output bias");
    }

    private static string Pretrained(RunContext context, TransformerEncoderConfig config)
    {
        var options = context.Options;
        var data = context.Data;
        var tokenizer = new WordPieceTokenizer(data.Vocabulary);
        var (sets, texts, heldOutTexts) = Corpus(context);
        var training = new MlmPretrainingOptions(Steps: options.Teacher.Steps, LearningRate: options.Teacher.LearningRate, BatchSize: options.Teacher.BatchSize,
            Seed: options.Teacher.Seed, CheckpointEvery: Math.Max(1, options.Teacher.Steps / 10));
        var key = Key(data.Vocabulary, config, training, options.Precision, texts);
        var directory = Path.Combine(RunTeacher.CacheRoot, key);
        if (File.Exists(Path.Combine(directory, "teacher.json")))
        {
            context.Log($"teacher: reusing the pre-trained teacher cached at {directory}");
            return directory;
        }
        Directory.CreateDirectory(directory);
        context.Log($"teacher: pre-training a dense encoder ({config.Layers.Count} layers, hidden {config.Hidden}, {(options.Precision == MatmulPrecision.BFloat16 ? "bfloat16 matrix products" : "float32")}) on {texts.Count:N0} training texts of {string.Join(", ", sets.Select(s => s.Name).Distinct())}; cached at {directory}");
        var clock = Stopwatch.StartNew();
        torch.manual_seed(options.Teacher.Seed);
        using var model = new MlmModel(config);
        using var trainer = new MlmPretrainer(model, data.Vocabulary, SequencePacking.Pack(texts, tokenizer, options.Data.MaxLength), training);
        var checkpoint = Path.Combine(directory, "pretraining.safetensors");
        if (File.Exists(checkpoint))
        {
            MlmCheckpoint.Load(trainer, checkpoint);
            context.Log($"teacher: resumed pre-training at step {trainer.Step}");
        }
        context.Events.Progress("teacher pre-training", report =>
        {
            trainer.Train(progress: (step, loss) => report(step, training.Steps, string.Create(CultureInfo.InvariantCulture, $"MLM loss {loss:F3}")), checkpointPath: checkpoint);
            return 0;
        });
        var heldOut = new MlmEvaluation(SequencePacking.Pack(heldOutTexts, tokenizer, options.Data.MaxLength), data.Vocabulary, seed: options.Teacher.Seed).Evaluate(model);
        BertCheckpoint.Save(directory, model.encoder, data.Vocabulary, mlmBias: model.mlm_bias);
        var summary = new TeacherSummary(directory, config.Layers.Count, config.Hidden, config.Layers[0].Heads, config.Layers[0].FfnSize, model.encoder.parameter_count(),
            heldOut, training.Steps, clock.Elapsed.TotalSeconds);
        JsonArtifact.Save(Path.Combine(directory, "teacher.json"), summary);
        File.Delete(checkpoint);
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"teacher: held-out MLM loss {heldOut.Loss:F3}, accuracy {heldOut.Accuracy:P2}, perplexity {heldOut.Perplexity:F1} ({clock.Elapsed.TotalSeconds:F0} s)"));
        return directory;
    }

    /// <summary>
    /// What pre-training reads: the training texts of the built-in corpora and the task (never validation or test
    /// text), and for held-out figures their validation texts.
    /// </summary>
    internal static (DatasetSplits[] Sets, IReadOnlyList<string> Training, IReadOnlyList<string> HeldOut) Corpus(RunContext context)
    {
        var data = context.Data;
        var sets = BuiltInDatasets.All.Select(d => d.Name == data.Splits.Name ? data.Splits : d.Load()).Append(data.Splits).Distinct().ToArray();
        return (sets, PretrainingCorpus.TrainingTexts(sets), sets.SelectMany(s => s.Validation.Select(e => e.Text)).Distinct().ToList());
    }

    /// <summary>The space's largest uniform dense shape: most layers, widest hidden size (heads of 64), widest FFN (4 x hidden without one).</summary>
    public static TransformerEncoderConfig Shape(SpaceEngine engine, int vocabularySize, int maxLength)
    {
        double Max(Role role, double otherwise) => engine.Dimensions.Where(d => d.Role == role).SelectMany(d => d.Values).DefaultIfEmpty(otherwise).Max();
        var hidden = (int)Max(Role.Hidden, 256);
        return TransformerEncoderConfig.Uniform(vocabularySize, maxLength, hidden, (int)Max(Role.Layers, 4), Math.Max(1, hidden / 64), (int)Max(Role.FfnSize, 4 * hidden));
    }

    /// <summary>What a cached teacher holds; a cache written by a version that stored less is not reused.</summary>
    private const string CacheFormat = "encoder and MLM bias";

    private static string Key(Vocabulary vocabulary, TransformerEncoderConfig config, MlmPretrainingOptions options, MatmulPrecision precision, IReadOnlyList<string> texts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(CacheFormat + "\n" + string.Join("\n", vocabulary.Tokens)));
        hash.AppendData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(config) + JsonSerializer.Serialize(options)));
        if (precision != MatmulPrecision.Float32) hash.AppendData(Encoding.UTF8.GetBytes($"matrix products in {precision}"));
        foreach (var text in texts) hash.AppendData(Encoding.UTF8.GetBytes(text + "\u0000"));
        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }
}
