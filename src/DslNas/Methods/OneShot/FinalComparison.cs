using System.Globalization;
using DslNas.Data.Batching;
using DslNas.Engine;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training;
using DslNas.Training.Distillation;
using DslNas.Training.Pretraining;

namespace DslNas.Methods.OneShot;

/// <summary>
/// The finalize stage: the largest architecture extracted with its shared weights and fine-tuned; the chosen
/// architecture extracted and fine-tuned (or, with <see cref="ChosenWeights.Retrained"/>, trained exactly as the uniform
/// baseline), distilling from the fine-tuned largest; and a uniform shrink of the same
/// measured latency, started like the supernet (from the teacher or at random) and trained for as many steps as the
/// supernet and fine-tuning together, distilling from the same model (the two train on the same batches, so the fine-tuned
/// largest's targets are computed once for both); all scored once on test. Writes the chosen model
/// to model/ and the scores to scores.json.
/// </summary>
internal static class FinalComparison
{
    public static void Run(RunContext context)
    {
        var options = context.Options;
        var engine = context.Space.Engine;
        var choice = Choice.Load(context.Search.Choice);
        var chosen = engine.Decode(choice.Code);
        var supernet = RunSupernet.Load(context);
        var fineTune = options.FineTune;
        var scores = new List<ModelScore>();
        context.Timed("fine-tuning and comparison", () =>
        {
            using var largest = supernet.Extract(engine.Plan(engine.Extreme(largest: true)));
            var largestScore = StandaloneScoring.TrainAndTest(context, "largest (extracted, fine-tuned)", largest, fineTune.Steps, fineTune.LearningRate);
            using var teacher = fineTune.Distillation > 0 ? new ClassifierTeacherTargets(largest, fineTune.Temperature) : null;
            var distilled = teacher is null ? "" : ", distilled";
            var start = options.Teacher.InitializeSupernet ? RunTeacher.Load(context) : null;
            var origin = start is null ? "from scratch" : "from the teacher";
            var retrainSteps = options.Training.Steps + fineTune.Steps;
            if (fineTune.Weights == ChosenWeights.Retrained) torch.manual_seed(options.Seed + 1);
            using (var model = fineTune.Weights == ChosenWeights.Inherited ? supernet.Extract(engine.Plan(chosen)) : StartedLikeSupernet(context, engine.Plan(chosen), start))
            {
                scores.Add(fineTune.Weights == ChosenWeights.Inherited
                    ? StandaloneScoring.TrainAndTest(context, $"searched (extracted, fine-tuned{distilled})", model, fineTune.Steps, fineTune.LearningRate, teacher)
                    : StandaloneScoring.TrainAndTest(context, $"searched (retrained {origin}{distilled})", model, retrainSteps, options.Training.LearningRate, teacher));
                SavedModel.Save(context.Search.Model, model, ModelConfig(context, choice.Architecture), context.Directory.Vocabulary);
            }
            scores.Add(largestScore);
            scores[0] = scores[0] with { Architecture = choice.Architecture, Flops = choice.Metrics.Flops, SupernetAccuracy = choice.Metrics.Accuracy };
            scores[1] = InSpace(context, supernet, scores[1], engine.Extreme(largest: true));
            var (uniform, _) = UniformBaseline.ClosestInLatency(engine, choice.Metrics.Flops, scores[0].LatencyMs, context.LatencyMeter, RunSupernet.ModelOptions(context), options.Seed);
            torch.manual_seed(options.Seed + 1);
            using (var baseline = StartedLikeSupernet(context, engine.Plan(uniform), start))
                scores.Add(StandaloneScoring.TrainAndTest(context, $"uniform baseline ({origin}{distilled})", baseline, retrainSteps, options.Training.LearningRate, teacher));
            scores[2] = InSpace(context, supernet, scores[2], uniform);
            return 0;
        });
        ModelScore.Save(context.Search.Scores, scores);
        context.Events.Table(ScoreTable(scores));
        context.Log($"chosen architecture: {choice.Architecture}");
    }

    /// <summary>The score with the model's architecture, FLOPs and accuracy with the supernet's shared weights on the search split.</summary>
    private static ModelScore InSpace(RunContext context, Supernet supernet, ModelScore score, Genes genes)
    {
        var engine = context.Space.Engine;
        var accuracy = SubnetScoring.Score(supernet, engine.Plan(genes), context.Data.Search, new Batcher(64, 0)).Accuracy;
        return score with { Architecture = FrontSearch.Json(context, genes), Flops = engine.Flops(genes, context.Options.Data.MaxLength), SupernetAccuracy = accuracy };
    }

    /// <summary>A standalone model of the plan started like the supernet: from random weights or from the teacher's prefix slices.</summary>
    internal static ExtractedSubnet StartedLikeSupernet(RunContext context, SubnetPlan plan, TransformerEncoder? teacher)
    {
        if (teacher is null) return ExtractedSubnet.Create(plan, RunSupernet.ModelOptions(context));
        using var start = new Supernet(context.Space.Engine, RunSupernet.ModelOptions(context));
        TeacherInitialization.Apply(start, teacher, RunTeacher.MlmBias(context));
        return start.Extract(plan);
    }

    public static ModelConfig ModelConfig(RunContext context, string architecture) => new(
        context.Space.Name, architecture, context.Data.Vocabulary.Count, context.Options.Data.MaxLength, context.Data.Splits.Labels.ToArray(),
        context.Options.Data, context.Options.Seed, context.Options.LayerNorm);

    public static ResultTable ScoreTable(IReadOnlyList<ModelScore> scores) => new(
        "result (standalone models on the test split)",
        ["model", "test accuracy", "test F1", "latency (ms)", "parameters"],
        scores.Select(s => (IReadOnlyList<string>)[s.Name, s.TestAccuracy.ToString("P2", CultureInfo.InvariantCulture), s.TestF1.ToString("F4", CultureInfo.InvariantCulture),
            s.LatencyMs.ToString("F2", CultureInfo.InvariantCulture), s.Parameters.ToString("N0", CultureInfo.InvariantCulture)]).ToList());
}
