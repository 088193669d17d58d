using System.Globalization;
using DslNas.Methods.OneShot;
using DslNas.Runs;
using DslNas.Search.Lengths;

namespace DslNas.Methods.LengthAdaptive;

/// <summary>
/// The finalize stage: the chosen length configuration, the full length and the constant-rate configuration with the
/// most FLOPs within the chosen one's, each extracted from the one trained model without any further training and
/// scored once on test (with validation and measured latency); the chosen model, with its lengths, goes to model/.
/// </summary>
internal static class LengthFinalize
{
    public static void Run(RunContext context)
    {
        var model = new LengthModel(context);
        var choice = Choice.Load(context.Search.Choice);
        if (choice.Lengths is null) throw new InvalidDataException($"{context.Search.Choice}: the choice has no length configuration; run 'choose' first");
        var chosen = new LengthConfiguration(choice.Lengths, model.SequenceLength);
        var chosenFlops = model.Flops(chosen);
        var constant = ConstantRateWithin(model, chosenFlops);
        var scores = new List<ModelScore>();
        context.Timed("scoring on test", () =>
        {
            foreach (var (name, lengths) in new[] { ($"searched lengths {chosen}", chosen), ("full length", model.Full), ($"constant rate {constant}", constant) })
            {
                using var extracted = model.Supernet.Extract(model.With(lengths));
                scores.Add(StandaloneScoring.TrainAndTest(context, name, extracted, 0, context.Options.FineTune.LearningRate));
                if (ReferenceEquals(lengths, chosen))
                    SavedModel.Save(context.Search.Model, extracted, FinalComparison.ModelConfig(context, choice.Architecture) with { Lengths = choice.Lengths }, context.Directory.Vocabulary);
            }
            return 0;
        });
        ModelScore.Save(context.Search.Scores, scores);
        context.Events.Table(FinalComparison.ScoreTable(scores));
        context.Log(string.Create(CultureInfo.InvariantCulture, $"chosen lengths {chosen}: {chosenFlops:N0} FLOPs; constant rate of at most as many: {constant} ({model.Flops(constant):N0} FLOPs)"));
    }

    /// <summary>The constant-rate configuration (rate on a 0.001 grid) with the most FLOPs not above <paramref name="flops"/>.</summary>
    public static LengthConfiguration ConstantRateWithin(LengthModel model, long flops) =>
        Enumerable.Range(0, 1000).Select(k => LengthConfiguration.ConstantRate(model.Layers, model.SequenceLength, k / 1000.0))
            .Where(c => model.Flops(c) <= flops).DefaultIfEmpty(LengthConfiguration.ConstantRate(model.Layers, model.SequenceLength, 0.999))
            .MaxBy(c => model.Flops(c))!;
}
