using System.Globalization;
using DslNas.Artifacts;
using DslNas.Data.Batching;
using DslNas.Data.Text;
using DslNas.Runs;
using DslNas.Search.Lengths;
using DslNas.Training;
using DslNas.Training.Pretraining;

namespace DslNas.Methods.LengthAdaptive;

/// <summary>One length configuration in the comparison: which family it belongs to, its FLOPs, validation accuracy, measured latency and masked-token accuracy.</summary>
internal sealed record ComparedLengths(string Family, string Lengths, long Flops, double Accuracy, double LatencyMs, double? MaskedTokenAccuracy);

/// <summary>
/// comparison.json: every compared configuration; the normalised area under each family's staircase of validation
/// accuracy against FLOPs over the searched range [smallest, full]; and how the token-level task was scored.
/// </summary>
internal sealed record ComparisonResult(IReadOnlyList<ComparedLengths> Rows, double SearchedArea, double ConstantRateArea, double LowFlops, double HighFlops, string TokenTask)
{
    public const string Searched = "searched", ConstantRate = "constant rate";

    public void Save(string path) => JsonArtifact.Save(path, this);

    public static ComparisonResult Load(string path) => JsonArtifact.Load<ComparisonResult>(path, "length comparison", "run 'compare' first");
}

/// <summary>
/// The compare stage, the paper's comparison on the same trained model: the searched front against constant-rate
/// length reduction (every layer keeps the same fraction of the tokens before it; rates swept from 0, no reduction,
/// to the LengthDrop bound) on validation, which the search never ranked on; each configuration's latency measured
/// with the run's meter; and a token-level task: masked-token prediction on the validation texts with the tied MLM
/// decoder over the encoder's Drop-and-Restore output, so a dropped token is predicted from its last representation.
/// </summary>
internal static class LengthComparison
{
    private const int ConstantRateSteps = 8;

    /// <summary>The token task scores at most this many packed sequences per configuration, so that it costs about as much as a validation pass.</summary>
    private const int MaxTokenTaskSequences = 128;

    public static void Run(RunContext context)
    {
        var model = new LengthModel(context);
        var search = model.Search(_ => throw new InvalidOperationException("comparing scores on validation, not on the search split"));
        var meter = context.LatencyMeter;
        var (tokenTask, masked) = TokenTask(context);
        var families = search.Front.Select(e => (ComparisonResult.Searched, e.Lengths))
            .Concat(model.ConstantRates(ConstantRateSteps).Select(c => (ComparisonResult.ConstantRate, c))).ToList();
        var rows = new List<ComparedLengths>();
        context.Timed("comparison", () => context.Events.Progress("comparison", report =>
        {
            foreach (var (family, lengths) in families)
            {
                var plan = model.With(lengths);
                var accuracy = SubnetScoring.Score(model.Supernet, plan, context.Data.Validation, new Batcher(64, 0)).Accuracy;
                double latency;
                using (var extracted = model.Supernet.Extract(plan))
                {
                    extracted.eval();
                    latency = meter.Measure(extracted);
                }
                double? tokens = null;
                if (masked is not null)
                {
                    model.Supernet.eval();
                    tokens = masked.Evaluate((ids, keep) => model.Supernet.MaskedLanguageModel(ids, keep, plan)).Accuracy;
                }
                rows.Add(new ComparedLengths(family, lengths.ToString(), model.Flops(lengths), accuracy, latency, tokens));
                report(rows.Count, families.Count, family);
            }
            return 0;
        }));
        double Area(string family) => LengthFront.Area(rows.Where(r => r.Family == family).Select(r =>
            new ScoredLengths(LengthConfiguration.Parse(r.Lengths, model.Layers, model.SequenceLength), r.Flops, r.Accuracy)), search.LowerBound, search.UpperBound);
        var result = new ComparisonResult(rows, Area(ComparisonResult.Searched), Area(ComparisonResult.ConstantRate), search.LowerBound, search.UpperBound, tokenTask);
        result.Save(Files.Comparison(context));
        context.Events.Table(Table(result));
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"area under validation accuracy against FLOPs over [{result.LowFlops:N0}, {result.HighFlops:N0}]: searched front {result.SearchedArea:F4}, constant rate {result.ConstantRateArea:F4}"));
    }

    /// <summary>The masked-token task on the validation texts (packed to the run's length, the first <see cref="MaxTokenTaskSequences"/>, masked once from the seed), or why it cannot run.</summary>
    private static (string Description, MlmEvaluation? Evaluation) TokenTask(RunContext context)
    {
        var texts = context.Data.Splits.Validation.Select(e => e.Text).ToList();
        var sequences = SequencePacking.Pack(texts, new WordPieceTokenizer(context.Data.Vocabulary), context.Options.Data.MaxLength).Take(MaxTokenTaskSequences).ToList();
        try
        {
            var evaluation = new MlmEvaluation(sequences, context.Data.Vocabulary, seed: context.Options.Seed);
            return ($"masked-token prediction on {sequences.Count} packed sequences of the validation texts (15% of tokens masked once, seed {context.Options.Seed}), " +
                    "the tied MLM decoder over the Drop-and-Restore output of the model trained on the task", evaluation);
        }
        catch (ArgumentException e)
        {
            return ($"not scored: {e.Message}", null);
        }
    }

    public static ResultTable Table(ComparisonResult result) => new(
        "length configurations on validation (frozen weights): searched front against constant-rate reduction",
        ["family", "lengths", "FLOPs", "accuracy", "latency (ms)", "masked-token accuracy"],
        result.Rows.Select(r => (IReadOnlyList<string>)[r.Family, r.Lengths, r.Flops.ToString("N0", CultureInfo.InvariantCulture),
            r.Accuracy.ToString("P2", CultureInfo.InvariantCulture), r.LatencyMs.ToString("F2", CultureInfo.InvariantCulture),
            r.MaskedTokenAccuracy?.ToString("P2", CultureInfo.InvariantCulture) ?? "-"]).ToList());
}
