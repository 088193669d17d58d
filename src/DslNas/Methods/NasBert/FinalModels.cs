using System.Globalization;
using DslNas.Artifacts;
using DslNas.Data.Text;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Torch;
using DslNas.Training.Distillation;
using DslNas.Training.Pretraining;

namespace DslNas.Methods.NasBert;

/// <summary>
/// One final model: its budget, whether it was searched or is the uniform baseline, its architecture, non-embedding
/// parameters and scores; or the fine-tuned teacher both distil from (no budget, no architecture in the space).
/// </summary>
public sealed record FinalModel(string Budget, long MaxParameters, string Kind, string Architecture, long NonEmbeddingParameters, ModelScore Score)
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
/// within the same budget are built from fresh weights (same seed), pre-trained by masked language modelling on the
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
        var pretraining = new MlmPretrainingOptions(Steps: Math.Max(1, options.NasBert.DistillSteps), LearningRate: options.Teacher.LearningRate,
            BatchSize: options.Teacher.BatchSize, Seed: options.Seed);
        context.Timed("final models", () =>
        {
            var (classifier, teacherScore) = FineTunedTeacher.Train(context, encoder);
            using var fineTunedTeacher = classifier;
            models.Add(new FinalModel("", 0, FinalModel.Teacher, "", encoder.Layers.Sum(layer => layer.parameter_count()), teacherScore));
            foreach (var choice in selection.Choices)
            {
                var searched = engine.Decode(choice.Chosen.Code);
                var uniform = UniformBertBaseline.Within(engine, BlockSizeOf(context), choice.MaxParameters);
                foreach (var (kind, genes) in new[] { (FinalModel.Searched, searched), (FinalModel.Uniform, uniform) })
                {
                    var name = $"{kind} ({choice.Budget})";
                    torch.manual_seed(options.Seed);
                    using var model = ExtractedSubnet.Create(engine.Plan(genes), RunSupernet.ModelOptions(context));
                    if (options.NasBert.DistillSteps > 0)
                        context.Events.Progress($"{name}: MLM pre-training with distillation from the teacher", report =>
                            PredictionDistillation.Train(model, teacher, context.Data.Vocabulary, corpus.Value, pretraining, Lambda,
                                (step, loss) => report(step, options.NasBert.DistillSteps, string.Create(CultureInfo.InvariantCulture, $"loss {loss:F3}"))));
                    var score = StandaloneScoring.TrainAndTest(context, name, model, options.FineTune.Steps, options.FineTune.LearningRate, fineTunedTeacher);
                    models.Add(new FinalModel(choice.Budget, choice.MaxParameters, kind, ArchitectureJson.Write(context.Space.Name, engine, engine.ToValues(genes)),
                        engine.Parameters(genes), score));
                }
            }
            return 0;
        });
        FinalModel.Save(files.Final, models);
        ModelScore.Save(context.Search.Scores, models.Select(m => m.Score).ToList());
        context.Events.Table(NasBertTables.Final(models, seeds: 1));
    }

    private static int BlockSizeOf(RunContext context) =>
        context.Space.Engine.LayerDimensions.Select(d => context.Space.Engine.Dimensions[d].PerBlock).Max();
}
