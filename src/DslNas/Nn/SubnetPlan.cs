using DslNas.Engine;

namespace DslNas.Nn;

/// <summary>The layers a subnet runs, in order, with their shapes: what the supernet slices and the dense model holds.</summary>
public sealed class SubnetPlan(IReadOnlyList<LayerShape> layers)
{
    public IReadOnlyList<LayerShape> Layers { get; } = layers.Count > 0 ? layers : throw new ArgumentException("a subnet needs at least one layer");

    public long FirstHidden => Layers[0].Hidden;

    public long LastHidden => Layers[^1].Hidden;

    /// <summary>Whether some layer keeps fewer tokens than it receives (at the longest sequence it may see).</summary>
    public bool ReducesLength => Layers.Any(l => l.Keep != long.MaxValue);

    /// <summary>Full layers of one hidden size and no length reduction: a plain BERT encoder.</summary>
    public bool IsPlainEncoder => Layers.All(l => l.Op == LayerOp.FullLayer && l.Hidden == FirstHidden) && !ReducesLength;

    public static SubnetPlan From(SpaceEngine engine, double[][] values) => new(engine.Layers(values));

    public override string ToString() => string.Join(" | ", Layers.Select(l =>
        $"{(l.Op == LayerOp.FullLayer ? "layer" : l.Op.ToString())} h={l.Hidden} a={l.Heads} d={l.HeadSize} f={l.Ffn}{(l.Keep == long.MaxValue ? "" : $" keep={l.Keep}")}"));
}
