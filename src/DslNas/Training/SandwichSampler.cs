using DslNas.Engine;
using DslNas.Nn;

namespace DslNas.Training;

/// <summary>
/// Which subnets one training step runs (the sandwich rule): the largest, the smallest and n random architectures.
/// In spaces with [SeqLength] the lengths come from LengthDrop: l_i ~ U[ceil((1-p) l_(i-1)), l_(i-1)] from the batch's
/// length, the smallest taking ceil((1-p) l_(i-1)) at every layer and the largest keeping every token. LayerDrop
/// optionally skips inner layers of the random subnets; a skipped layer does not shrink the length (the next layer
/// keeps its own length, never more than what reaches it), so LayerDrop combines with LengthDrop as in the paper.
/// </summary>
internal sealed class SandwichSampler(SpaceEngine engine, int randomSubnets = 2, double lengthDrop = 0.2, double layerDrop = 0.0)
{
    private readonly bool lengths = engine.Dimensions.Any(d => d.Role == Role.SeqLength);
    private readonly SubnetPlan largest = engine.Plan(engine.Extreme(largest: true));
    private readonly SubnetPlan smallest = engine.Plan(engine.Extreme(largest: false));

    public int RandomSubnets { get; } = randomSubnets >= 0 ? randomSubnets : throw new ArgumentOutOfRangeException(nameof(randomSubnets));

    /// <summary>The plans of one step for sequences of <paramref name="length"/> tokens: largest first, then smallest, then random ones.</summary>
    public IReadOnlyList<SubnetPlan> Step(int length, Random random)
    {
        var plans = new List<SubnetPlan> { WithLengths(largest, _ => long.MaxValue), WithLengths(smallest, SmallestLengths(length)) };
        for (var i = 0; i < RandomSubnets; i++)
        {
            var plan = engine.Plan(engine.Sample(random));
            if (lengths) plan = WithLengths(plan, RandomLengths(length, plan.Layers.Count, random));
            if (layerDrop > 0) plan = WithLayerDrop(plan, random);
            plans.Add(plan);
        }
        return plans;
    }

    /// <summary>LengthDrop's lengths for one subnet: each layer keeps a uniform number of tokens in [ceil((1-p) l), l].</summary>
    public long[] RandomLengths(int length, int layers, Random random)
    {
        var result = new long[layers];
        long previous = length;
        for (var i = 0; i < layers; i++)
        {
            var low = (long)Math.Ceiling((1 - lengthDrop) * previous);
            previous = result[i] = low + random.NextInt64(previous - low + 1);
        }
        return result;
    }

    private Func<int, long> SmallestLengths(int length)
    {
        var result = new List<long>();
        long previous = length;
        for (var i = 0; i < engine.MaxLayers; i++) result.Add(previous = (long)Math.Ceiling((1 - lengthDrop) * previous));
        return i => lengths ? result[i] : long.MaxValue;
    }

    private SubnetPlan WithLengths(SubnetPlan plan, long[] keeps) => WithLengths(plan, i => keeps[i]);

    private static SubnetPlan WithLengths(SubnetPlan plan, Func<int, long> keep) =>
        new(plan.Layers.Select((l, i) => new LayerShape(l.Op, l.Hidden, l.Heads, l.HeadSize, l.Ffn, keep(i))).ToArray());

    private SubnetPlan WithLayerDrop(SubnetPlan plan, Random random) =>
        new(plan.Layers.Select((l, i) => i > 0 && i < plan.Layers.Count - 1 && plan.Layers[i - 1].Hidden == l.Hidden
                                          && plan.Layers[i + 1].Hidden == l.Hidden && random.NextDouble() < layerDrop
            ? new LayerShape(LayerOp.Identity, l.Hidden, l.Heads, l.HeadSize, l.Ffn, l.Keep)
            : l).ToArray());
}
