using System.Globalization;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Torch;

namespace DslNas.Methods.OneShot;

/// <summary>
/// The finalize stage: the chosen architecture extracted with its shared weights and fine-tuned, the largest
/// architecture likewise, and a uniform shrink of the same measured latency trained from scratch for as many steps as the supernet
/// and fine-tuning together; all scored once on test. Writes the chosen model to model/ and the scores to scores.json.
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
            using (var model = supernet.Extract(engine.Plan(chosen)))
            {
                scores.Add(StandaloneScoring.TrainAndTest(context, "searched (extracted, fine-tuned)", model, fineTune.Steps, fineTune.LearningRate));
                SavedModel.Save(context.Search.Model, model, ModelConfig(context, choice.Architecture), context.Directory.Vocabulary);
            }
            using (var largest = supernet.Extract(engine.Plan(engine.Extreme(largest: true))))
                scores.Add(StandaloneScoring.TrainAndTest(context, "largest (extracted, fine-tuned)", largest, fineTune.Steps, fineTune.LearningRate));
            var (uniform, _) = UniformBaseline.ClosestInLatency(engine, choice.Metrics.Flops, scores[0].LatencyMs, context.LatencyMeter, RunSupernet.ModelOptions(context), options.Seed);
            torch.manual_seed(options.Seed + 1);
            using (var baseline = ExtractedSubnet.Create(engine.Plan(uniform), RunSupernet.ModelOptions(context)))
                scores.Add(StandaloneScoring.TrainAndTest(context, "uniform baseline (from scratch)", baseline, options.Training.Steps + fineTune.Steps, options.Training.LearningRate));
            return 0;
        });
        ModelScore.Save(context.Search.Scores, scores);
        context.Events.Table(ScoreTable(scores));
        context.Log($"chosen architecture: {choice.Architecture}");
    }

    public static ModelConfig ModelConfig(RunContext context, string architecture) => new(
        context.Space.Name, architecture, context.Data.Vocabulary.Count, context.Options.Data.MaxLength, context.Data.Splits.Labels.ToArray(),
        context.Options.Data, context.Options.Seed);

    public static ResultTable ScoreTable(IReadOnlyList<ModelScore> scores) => new(
        "result (standalone models on the test split)",
        ["model", "test accuracy", "test F1", "latency (ms)", "parameters"],
        scores.Select(s => (IReadOnlyList<string>)[s.Name, s.TestAccuracy.ToString("P2", CultureInfo.InvariantCulture), s.TestF1.ToString("F4", CultureInfo.InvariantCulture),
            s.LatencyMs.ToString("F2", CultureInfo.InvariantCulture), s.Parameters.ToString("N0", CultureInfo.InvariantCulture)]).ToList());
}
