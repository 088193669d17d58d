using System.Globalization;
using DslNas.Artifacts;
using DslNas.Data.Text;
using DslNas.Engine;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Torch;
using DslNas.Training.Distillation;
using DslNas.Training.Pretraining;

namespace DslNas.Methods.NasBert;

/// <summary>
/// One final model: its budget, whether it was searched or is the uniform baseline, its architecture, non-embedding
/// parameters, embedding width and scores; or the fine-tuned teacher both distil from (no budget, no architecture in the space).
/// </summary>
public sealed record FinalModel(string Budget, long MaxParameters, string Kind, string Architecture, long NonEmbeddingParameters, ModelScore Score, long EmbeddingWidth = 0)
{
    public const string Searched = "searched";
    public const string Uniform = "uniform";
    public const string Teacher = "teacher";

    public static void Save(string path, IReadOnlyList<FinalModel> models) => JsonArtifact.Save(path, models);

    public static IReadOnlyList<FinalModel> Load(string path) =>
        JsonArtifact.Load<List<FinalModel>>(path, "list of NAS-BERT final models", "no final models yet; run 'finalize' first");
}

/// <summary>
/// The finalize stage: for every budget, the chosen architecture and the largest uniform BERT-style architecture
/// within the same budget are built from fresh weights (same seed) with embeddings of the same width
/// (<see cref="NasBertOptions.EmbeddingWidth"/>), pre-trained by masked language modelling on the
/// teacher's corpus with prediction-layer distillation from the teacher (the paper's Eq. 2, λ = 0.5, --distill-steps
/// steps at the teacher's learning rate and batch size) and fine-tuned on the task (--fine-tune-steps), distilling the
/// class predictions of the teacher fine-tuned on the task (<see cref="FineTunedTeacher"/>; the paper's two-stage KD,
/// weight --fine-tune-distillation): the same recipe for both; then scored once on test and timed (final.json).
/// </summary>
internal static class FinalModels
{
    /// <summary>The paper's weight of the distillation term in Eq. 2.</summary>
    private const double Lambda = 0.5;

    public static void Run(RunContext context)
    {
        var options = context.Options;
        var engine = context.Space.Engine;
        var files = new NasBertFiles(context);
        var selection = SelectionResult.Load(files.Choices);
        var encoder = NasBertSupernet.CheckedTeacher(context, engine.MaxLayers / BlockSizeOf(context));
        var teacher = RunTeacher.LoadMlm(context)!;
        var models = new List<FinalModel>();
        var corpus = new Lazy<IReadOnlyList<int[]>>(() =>
            SequencePacking.Pack(TeacherStage.Corpus(context).Training, new WordPieceTokenizer(context.Data.Vocabulary), options.Data.MaxLength));
        // Every budget's pair and embedding width first, so that a width no model can take stops the stage before any training.
        var budgets = selection.Choices.Select(choice =>
        {
            (string Kind, Genes Genes)[] pair =
                [(FinalModel.Searched, engine.Decode(choice.Chosen.Code)), (FinalModel.Uniform, UniformBertBaseline.Within(engine, BlockSizeOf(context), choice.MaxParameters))];
            return (choice, pair, EmbeddingWidth(engine, choice.Budget, pair, options.NasBert.EmbeddingWidth));
        }).ToList();
        var pretraining = new MlmPretrainingOptions(Steps: Math.Max(1, options.NasBert.DistillSteps), LearningRate: options.Teacher.LearningRate,
            BatchSize: options.Teacher.BatchSize, Seed: options.Seed);
        context.Timed("final models", () =>
        {
            var (classifier, teacherScore) = FineTunedTeacher.Train(context, encoder);
            using var fineTunedTeacher = classifier;
            using var teacherTargets = new ClassifierTeacherTargets(fineTunedTeacher, options.FineTune.Temperature);
            models.Add(new FinalModel("", 0, FinalModel.Teacher, "", encoder.Layers.Sum(layer => layer.parameter_count()), teacherScore, encoder.Config.Hidden));
            foreach (var (choice, pair, width) in budgets)
            {
                foreach (var (kind, genes) in pair)
                {
                    var name = $"{kind} ({choice.Budget})";
                    torch.manual_seed(options.Seed);
                    using var model = ExtractedSubnet.Create(engine.Plan(genes), RunSupernet.ModelOptions(context), width);
                    if (options.NasBert.DistillSteps > 0)
                        context.Events.Progress($"{name}: MLM pre-training with distillation from the teacher", report =>
                            PredictionDistillation.Train(model, teacher, context.Data.Vocabulary, corpus.Value, pretraining, Lambda,
                                (step, loss) => report(step, options.NasBert.DistillSteps, string.Create(CultureInfo.InvariantCulture, $"loss {loss:F3}"))));
                    var score = StandaloneScoring.TrainAndTest(context, name, model, options.FineTune.Steps, options.FineTune.LearningRate, teacherTargets);
                    models.Add(new FinalModel(choice.Budget, choice.MaxParameters, kind, ArchitectureJson.Write(context.Space.Name, engine, engine.ToValues(genes)),
                        engine.Parameters(genes), score, width));
                }
            }
            return 0;
        });
        FinalModel.Save(files.Final, models);
        ModelScore.Save(context.Search.Scores, models.Select(m => m.Score).ToList());
        context.Events.Table(NasBertTables.Final(models, seeds: 1));
    }

    /// <summary>
    /// The embedding width of a budget's two models: the one asked for, which must not exceed either model's first
    /// hidden size, or (0) the smaller of the two first hidden sizes, so that both have the same embeddings.
    /// </summary>
    internal static long EmbeddingWidth(SpaceEngine engine, string budget, IReadOnlyList<(string Kind, Genes Genes)> pair, int asked)
    {
        var first = pair.Select(m => (m.Kind, Hidden: engine.Plan(m.Genes).FirstHidden)).ToList();
        if (asked == 0) return first.Min(m => m.Hidden);
        if (first.FirstOrDefault(m => m.Hidden < asked) is { Kind: not null } narrow)
            throw new RunInputException($"--embedding-width {asked} is wider than the first hidden size {narrow.Hidden} of the {narrow.Kind} model of budget {budget}; " +
                                        $"use at most {first.Min(m => m.Hidden)}, or 0 for the smaller first hidden size of each budget");
        return asked;
    }

    private static int BlockSizeOf(RunContext context) =>
        context.Space.Engine.LayerDimensions.Select(d => context.Space.Engine.Dimensions[d].PerBlock).Max();
}
