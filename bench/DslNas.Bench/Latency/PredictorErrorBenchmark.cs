using DslNas.Hardware;
using DslNas.Nn;
using DslNas.Runs;

namespace DslNas.Bench.Latency;

/// <summary>
/// The latency predictor's error: fitted afresh on measured random architectures of a space (the table from the cache,
/// or built now), its error on the held-out quarter it was not fitted on. Side by side on the same measurements and
/// the same held-out quarter: the lookup table's own estimate (its sum plus its constant), and ridge regression on all
/// six features by plain least squares, as the predictor was fitted before it chose its features.
/// </summary>
public static class PredictorErrorBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var space = LatencyFigures.Space(options);
        var count = options.Int("architectures", 80);
        var meter = LatencyFigures.Meter(options);
        Console.WriteLine($"latency predictor error: '{space.Name}', {count} measured random architectures (a quarter held out), {meter.Settings}; load average {LatencyFigures.Load()}");
        var events = new QuietRunEvents(Console.WriteLine);
        var table = LatencyTableCache.Get(space, meter, events);
        var engine = space.Engine;
        var random = new Random(options.Int("seed", 1));
        var plans = Enumerable.Range(0, count).Select(_ => engine.Sample(random)).Select(g => (Genes: g, Plan: engine.Plan(g))).ToList();
        var measured = LatencyTableBuilder.MeasureWhole(plans.Select(p => p.Plan).ToList(), meter,
            (done, total) => { if (done % 10 == 0 || done == total) Console.WriteLine($"  measured {done}/{total}"); });
        var features = plans.Select(p => LatencyFeatures.Of(engine, p.Genes, table)).ToList();
        var heldOut = (int)Math.Round(count * LatencyPredictor.HeldOutShare);
        var fitted = count - heldOut;
        var heldOutMeasured = measured.Skip(fitted).ToList();

        var (model, error) = LatencyPredictor.FitHoldingOut(features, measured, heldOut);
        var plain = RidgeRegression.Fit(features.Take(fitted).ToList(), measured.Take(fitted).ToList());
        var plainError = PredictionError.Of(features.Skip(fitted).Select(f => plain.Predict(f)).ToList(), heldOutMeasured);
        var tableError = PredictionError.Of(plans.Skip(fitted).Select(p => table.Estimate(p.Plan)).ToList(), heldOutMeasured);
        Console.WriteLine($"predictor fitted on {fitted} (features: {string.Join(", ", LatencyFeatures.Names.Take(model.Weights.Length))}); {error}");
        Console.WriteLine($"the same held-out architectures, the lookup table's estimate: {tableError}");
        Console.WriteLine($"the same held-out architectures, plain least squares on all six features: {plainError}");
        Console.WriteLine($"load average at the end {LatencyFigures.Load()}");
        return 0;
    }
}
