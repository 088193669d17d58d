using DslNas.Engine;
using DslNas.Hardware;
using DslNas.Nn;
using DslNas.Randomness;

namespace DslNas.Runs;

/// <summary>The obvious competitor of a searched architecture: a uniform shrink (every layer alike) of the same measured latency.</summary>
public static class UniformBaseline
{
    private const int Measured = 6;

    /// <summary>
    /// Among uniform architectures drawn from the space, the <see cref="Measured"/> closest in FLOPs to
    /// <paramref name="flops"/> are timed with the meter; the slowest one that is not slower than
    /// <paramref name="latencyMs"/> is returned (the fastest when all are slower).
    /// </summary>
    public static (Genes Genes, double LatencyMs) ClosestInLatency(SpaceEngine engine, long flops, double latencyMs, LatencyMeter meter, SupernetOptions options, int seed)
    {
        var measured = Uniform(engine, seed).OrderBy(g => Math.Abs(engine.Flops(g, meter.SequenceLength) - flops)).Take(Measured).Select(g =>
        {
            using var model = ExtractedSubnet.Create(engine.Plan(g), options);
            model.eval();
            return (Genes: g, LatencyMs: meter.Measure(model));
        }).ToList();
        var within = measured.Where(m => m.LatencyMs <= latencyMs).ToList();
        return within.Count > 0 ? within.MaxBy(m => m.LatencyMs) : measured.MinBy(m => m.LatencyMs);
    }

    /// <summary>Distinct uniform architectures of the space, drawn with the seed.</summary>
    private static IEnumerable<Genes> Uniform(SpaceEngine engine, int seed)
    {
        var random = SplitMixRandom.FromSeed(seed);
        var candidates = new Dictionary<string, Genes>();
        for (var i = 0; i < 3000; i++)
        {
            var sample = engine.Sample(random);
            var uniform = new Genes(sample.Global, Enumerable.Repeat(sample.Layers[0], sample.Layers.Length).ToArray());
            if (engine.Contains(uniform)) candidates.TryAdd(string.Join(",", engine.Encode(uniform)), uniform);
        }
        return candidates.Values;
    }
}
