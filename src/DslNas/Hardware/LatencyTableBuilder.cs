using DslNas.Engine;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Torch;

namespace DslNas.Hardware;

/// <summary>
/// Measures a lookup table: every part of the space (<see cref="LatencyParts.OfSpace"/>) on its own, a few at a time
/// interleaved, then whole architectures (the largest, the smallest and random ones) to fit the constant: the median
/// of measured minus summed latency.
/// </summary>
public static class LatencyTableBuilder
{
    /// <summary>Random architectures measured whole to fit the constant (besides the largest and the smallest).</summary>
    public const int DefaultFitArchitectures = 16;

    private const int PartsPerRound = 8;
    private const int ArchitecturesPerRound = 4;

    /// <summary>Vocabulary of the timed embeddings and models: a lookup's cost does not depend on it.</summary>
    private const int Vocabulary = 4000;

    public static LatencyTable Build(SearchSpaceDescriptor space, LatencyMeter meter, IRunEvents events, int fitArchitectures = DefaultFitArchitectures, int seed = 0)
    {
        if (fitArchitectures < 1) throw new ArgumentOutOfRangeException(nameof(fitArchitectures), fitArchitectures, "the constant needs at least one measured architecture");
        using var generator = new RngStateScope();
        var engine = space.Engine;
        var parts = LatencyParts.OfSpace(engine, meter.SequenceLength);
        var entries = events.Progress($"latency table of '{space.Name}': {parts.Count} parts", report =>
        {
            var measured = new List<LatencyTableEntry>(parts.Count);
            foreach (var round in parts.Chunk(PartsPerRound))
            {
                using var scope = torch.NewDisposeScope();
                var passes = round.Select(p => new PartPass(p, meter.Batch, Vocabulary)).ToList();
                try
                {
                    var times = meter.MeasureInterleaved(passes.Select(p => (Action)p.Run).ToList());
                    measured.AddRange(round.Zip(times, (p, t) => new LatencyTableEntry(p, t.MedianMs, t.LowerQuartileMs, t.UpperQuartileMs)));
                }
                finally
                {
                    foreach (var pass in passes) pass.Dispose();
                }
                report(measured.Count, parts.Count, round[^1].ToString());
            }
            return measured;
        });
        var unfitted = new LatencyTable(space.Name, LatencyTable.Signature(engine), MachineIdentity.Current, meter.Settings, entries, 0, [], DateTime.UtcNow);
        var random = new Random(seed);
        var plans = new[] { engine.Extreme(largest: true), engine.Extreme(largest: false) }
            .Concat(Enumerable.Range(0, fitArchitectures).Select(_ => engine.Sample(random)))
            .Select(engine.Plan).ToList();
        var whole = events.Progress($"latency table of '{space.Name}': {plans.Count} whole architectures for the constant",
            report => MeasureWhole(plans, meter, (done, total) => report(done, total, null)));
        var sums = plans.Select(unfitted.Estimate).ToList();
        var constant = Median(whole.Zip(sums, (m, s) => m - s).ToList());
        var errors = whole.Zip(sums, (m, s) => (s + constant - m) / m).ToList();
        return unfitted with { ConstantMs = constant, FitErrors = errors };
    }

    /// <summary>The measured latency of each plan as an extracted dense model with random weights, a few interleaved at a time.</summary>
    internal static IReadOnlyList<double> MeasureWhole(IReadOnlyList<SubnetPlan> plans, LatencyMeter meter, Action<int, int>? progress = null)
    {
        var options = new SupernetOptions(Vocabulary, meter.SequenceLength);
        var latencies = new List<double>(plans.Count);
        foreach (var round in plans.Chunk(ArchitecturesPerRound))
        {
            var models = round.Select(p => ExtractedSubnet.Create(p, options)).ToList();
            try
            {
                foreach (var model in models) model.eval();
                latencies.AddRange(meter.MeasureInterleaved(models).Select(m => m.MedianMs));
            }
            finally
            {
                foreach (var model in models) model.Dispose();
            }
            progress?.Invoke(latencies.Count, plans.Count);
        }
        return latencies;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
