using DslNas.Export;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training.Distillation;

namespace DslNas.Runs;

/// <summary>
/// The run's teacher, once its stage has produced it: a dense encoder and its MLM head in the BERT layout, from the
/// user's directory or from the cache of pre-trained teachers. Stages that distil from it or start from its weights
/// load it here.
/// </summary>
public static class RunTeacher
{
    private const string Key = "teacher";

    /// <summary>Where pre-trained teachers are cached: $DSLNAS_CACHE/teachers, or ~/.cache/dslnas/teachers.</summary>
    public static string CacheRoot =>
        Path.Combine(Environment.GetEnvironmentVariable("DSLNAS_CACHE") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "dslnas"), "teachers");

    /// <summary>The directory of the run's teacher (BERT layout), recorded by the teacher stage; null without a teacher.</summary>
    public static string? Directory(RunContext context) =>
        File.Exists(context.Directory.Teacher) ? File.ReadAllText(context.Directory.Teacher).Trim() : null;

    /// <summary>The teacher's encoder, loaded once per process; null when the run has none.</summary>
    public static TransformerEncoder? Load(RunContext context) => Checkpoint(context)?.Encoder;

    /// <summary>The teacher's encoder and MLM head, for distillation of its predictions; null when the run has none.</summary>
    public static MlmTeacher? LoadMlm(RunContext context) => Checkpoint(context) is { } checkpoint ? MlmTeacher.Of(checkpoint) : null;

    /// <summary>The teacher's MLM output bias [vocabulary], for a supernet started from its weights; null without a head.</summary>
    public static Tensor? MlmBias(RunContext context) => Checkpoint(context)?.MlmHead?.bias;

    /// <summary>The teacher's checkpoint, loaded once per process; null when the run has none.</summary>
    public static BertCheckpoint? Checkpoint(RunContext context)
    {
        if (Directory(context) is not { } directory) return null;
        return context.Loaded(Key, () =>
        {
            var checkpoint = BertCheckpoint.Load(directory);
            if (checkpoint.Vocabulary.Count != context.Data.Vocabulary.Count || !checkpoint.Vocabulary.Tokens.SequenceEqual(context.Data.Vocabulary.Tokens))
            {
                checkpoint.Dispose();
                throw new InvalidDataException($"{directory}: the teacher's vocabulary ({checkpoint.Vocabulary.Count} tokens) differs from the run's ({context.Data.Vocabulary.Count} tokens, {context.Directory.Vocabulary})");
            }
            return checkpoint;
        });
    }
}
