using DslNas.Data.Text;
using DslNas.Export;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training.Pretraining;

namespace DslNas.Spaces.Tests;

/// <summary>
/// One tiny exhaustive run of the bort method on the tiny run's mail TSV, made once and shared by the tests of
/// <see cref="BortRunTests"/>. Its teacher is a small encoder pre-trained here on the TSV's texts and handed over in
/// the BERT layout, so no test waits for the built-in corpora to be tokenized.
/// </summary>
public sealed class BortRun : IDisposable
{
    public BortRun()
    {
        Root = Directory.CreateTempSubdirectory("dslnas-bort").FullName;
        Data = Path.Combine(Root, "mail.tsv");
        System.IO.File.WriteAllText(Data, TinyRun.MailTsv());
        Teacher = Path.Combine(Root, "teacher");
        PretrainTeacher(System.IO.File.ReadAllLines(Data).Skip(1).Select(l => l.Split('\t')[0]).ToList(), Teacher);
        Run = Path.Combine(Root, "bort");
        Result = DriverHarness.Run(["run", .. Flags(Run), "--exhaustive"]);
    }

    public string Root { get; }
    public string Data { get; }
    public string Teacher { get; }
    public string Run { get; }
    public (int Code, string Output, string Error) Result { get; }

    /// <summary>The flags of the tiny configuration (a flag may be given once, so the ones tests vary are parameters).</summary>
    public string[] Flags(string run, string space = "tiny-bort", string epsilon = "0.2", string divisor = "1", string cost = "flops", string? teacher = null) =>
    [
        "--method", "bort", "--space", space, "--run", run, "--data", Data, "--max-length", "16", "--batch", "8", "--seed", "5", "--teacher", teacher ?? Teacher,
        "--cost", cost, "--hidden-divisor", divisor, "--candidate-steps", "3", "--final-steps", "3", "--fine-tune-steps", "2", "--agora-sets", "2", "--epsilon", epsilon,
    ];

    public string File(string name) => Path.Combine(Run, "searches", "main", name);

    private static void PretrainTeacher(IReadOnlyList<string> texts, string directory)
    {
        var vocabulary = new WordPieceTrainer(60).Train(texts);
        torch.manual_seed(3);
        using var model = new MlmModel(TransformerEncoderConfig.Uniform(vocabulary.Count, 16, 8, 2, 2, 16));
        using (var trainer = new MlmPretrainer(model, vocabulary, SequencePacking.Pack(texts, new WordPieceTokenizer(vocabulary), 16),
                   new MlmPretrainingOptions(Steps: 30, LearningRate: 3e-3, BatchSize: 8, Seed: 3)))
            trainer.Train();
        BertCheckpoint.Save(directory, model.encoder, vocabulary);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
