using DslNas.Artifacts;

namespace DslNas.Runs;

/// <summary>
/// The stage every method starts with: load the task's splits, train (once) or reload the run's vocabulary, encode
/// the splits, and record in data.json what the splits are and the seed that made them.
/// </summary>
public static class DataStage
{
    public static MethodStage Stage { get; } = new("data", "load and split the task's data, train or reload the vocabulary, encode", StageScope.Run, Run, Reload: true);

    private static void Run(RunContext context)
    {
        var options = context.Options;
        if (options.Teacher.Source is not (TeacherOptions.None or TeacherOptions.Pretrain) && !File.Exists(context.Directory.Vocabulary))
        {
            var teacherVocabulary = Path.Combine(options.Teacher.Source, Export.BertCheckpoint.VocabularyFile);
            if (!File.Exists(teacherVocabulary)) throw new FileNotFoundException($"{teacherVocabulary}: the teacher has no vocabulary; a BERT-layout directory holds vocab.txt", teacherVocabulary);
            AtomicFile.WriteAllText(context.Directory.Vocabulary, File.ReadAllText(teacherVocabulary));
            context.Log($"vocabulary: the teacher's ({teacherVocabulary})");
        }
        var data = context.Timed("data", () => RunData.Load(options.Data, options.Seed, context.Directory.Vocabulary));
        context.SetData(data);
        var summary = new DataSummary(data.Splits.Name, options.Seed, data.Splits.Labels.ToArray(), data.Train.Count, data.Search.Count, data.Validation.Count, data.Test.Count, data.Vocabulary.Count);
        var json = JsonArtifact.Write(summary);
        if (!File.Exists(context.Directory.Data) || File.ReadAllText(context.Directory.Data) != json) AtomicFile.WriteAllText(context.Directory.Data, json);
        context.Log($"data: {summary.Name}: train {summary.Train}, search {summary.Search}, validation {summary.Validation}, test {summary.Test}; vocabulary {summary.Vocabulary}");
    }
}

/// <summary>data.json: the task, the seed its splits were made with, its labels, split sizes (training less the search split) and vocabulary size.</summary>
public sealed record DataSummary(string Name, int SplitSeed, string[] Labels, int Train, int Search, int Validation, int Test, int Vocabulary);
