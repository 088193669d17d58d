using System;
using System.Linq;

namespace DslNas.Engine;

/// <summary>
/// An architecture as candidate indices: one per global dimension, and one tuple id per layer (the mixed-radix
/// combination of the per-layer dimensions' candidate indices).
/// </summary>
public sealed class Genes : IEquatable<Genes>
{
    public Genes(int[] global, int[] layers)
    {
        Global = global;
        Layers = layers;
    }

    public int[] Global { get; }
    public int[] Layers { get; }

    public bool Equals(Genes? other) => other is not null && Global.SequenceEqual(other.Global) && Layers.SequenceEqual(other.Layers);

    public override bool Equals(object? obj) => obj is Genes other && Equals(other);

    public override int GetHashCode()
    {
        var hash = 17;
        foreach (var g in Global) hash = hash * 31 + g;
        foreach (var l in Layers) hash = hash * 31 + l;
        return hash;
    }
}
