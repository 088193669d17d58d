using DslNas.Engine;
using DslNas.Randomness;

namespace DslNas.Runs;

/// <summary>The obvious competitor of a searched architecture: a uniform shrink (every layer alike) of similar cost.</summary>
public static class UniformBaseline
{
    /// <summary>Among uniform architectures drawn from the space, the one closest in FLOPs to <paramref name="flops"/>.</summary>
    public static Genes ClosestInFlops(SpaceEngine engine, long flops, int sequenceLength, int seed)
    {
        var random = SplitMixRandom.FromSeed(seed);
        var candidates = new Dictionary<string, Genes>();
        for (var i = 0; i < 3000; i++)
        {
            var sample = engine.Sample(random);
            var uniform = new Genes(sample.Global, Enumerable.Repeat(sample.Layers[0], sample.Layers.Length).ToArray());
            if (engine.Contains(uniform)) candidates.TryAdd(string.Join(",", engine.Encode(uniform)), uniform);
        }
        return candidates.Values.MinBy(g => Math.Abs(engine.Flops(g, sequenceLength) - flops))!;
    }
}
