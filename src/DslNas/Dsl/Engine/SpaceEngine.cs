using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace DslNas.Engine;

/// <summary>
/// The semantics of a search space, shared by the generator (compile-time checks) and the runtime: an architecture
/// is a choice for each global dimension plus a chain of per-layer tuples, one per layer. Global constraints filter
/// the global choices; per-layer constraints filter each layer's tuple; pair constraints ([Previous]) and
/// [PerBlock] filter adjacent layers. Counting and uniform sampling are exact dynamic programs over that chain.
/// </summary>
public sealed partial class SpaceEngine
{
    private readonly int[] globalDims;
    private readonly int[] layerDims;
    private readonly int[] layerRadix;
    private readonly ConstraintSpec[] globalConstraints;
    private readonly ConstraintSpec[] layerConstraints;
    private readonly ConstraintSpec[] pairConstraints;
    private readonly int layersPosition;
    private readonly List<int[]> globalChoices = new List<int[]>();
    private readonly Dictionary<long, Chain> chains = new Dictionary<long, Chain>();

    public SpaceEngine(IReadOnlyList<DimensionSpec> dimensions, IReadOnlyList<ConstraintSpec> constraints)
    {
        Dimensions = dimensions;
        Constraints = constraints;
        globalDims = Enumerable.Range(0, dimensions.Count).Where(d => !dimensions[d].PerLayer).ToArray();
        layerDims = Enumerable.Range(0, dimensions.Count).Where(d => dimensions[d].PerLayer).ToArray();
        layersPosition = Array.FindIndex(globalDims, d => dimensions[d].Role == Role.Layers);
        if (layersPosition < 0) throw new ArgumentException("a space needs a global [Layers] dimension");
        foreach (var dimension in dimensions)
            if (dimension.Values.Count == 0) throw new ArgumentException($"dimension {dimension.Name} has no candidates");

        layerRadix = new int[layerDims.Length];
        var tuples = 1;
        for (var k = layerDims.Length - 1; k >= 0; k--)
        {
            layerRadix[k] = tuples;
            tuples = checked(tuples * dimensions[layerDims[k]].Values.Count);
        }
        TupleCount = tuples;

        globalConstraints = constraints.Where(c => Classify(c) == 0).ToArray();
        layerConstraints = constraints.Where(c => Classify(c) == 1).ToArray();
        pairConstraints = constraints.Where(c => Classify(c) == 2).ToArray();

        foreach (var choice in GlobalCombinations())
            if (globalConstraints.All(c => c.Predicate(Arguments(c, choice, -1, -1, 0))))
                globalChoices.Add(choice);
        MaxLayers = (int)dimensions[globalDims[layersPosition]].Values.Max();
    }

    public IReadOnlyList<DimensionSpec> Dimensions { get; }
    public IReadOnlyList<ConstraintSpec> Constraints { get; }

    /// <summary>Dimensions chosen once per architecture, in order.</summary>
    public IReadOnlyList<int> GlobalDimensions => globalDims;

    /// <summary>Dimensions chosen per layer, in order.</summary>
    public IReadOnlyList<int> LayerDimensions => layerDims;

    /// <summary>Combinations of the per-layer dimensions' candidates.</summary>
    public int TupleCount { get; }

    public int MaxLayers { get; }

    /// <summary>Architectures that satisfy every constraint.</summary>
    public BigInteger Count
    {
        get
        {
            var total = BigInteger.Zero;
            foreach (var choice in globalChoices) total += ChainFor(choice).Count;
            return total;
        }
    }

    private int Classify(ConstraintSpec constraint)
    {
        if (constraint.Arguments.Any(a => a.Kind == ArgumentKind.Previous)) return 2;
        if (constraint.Arguments.Any(a => a.Kind == ArgumentKind.LayerIndex || (a.Kind == ArgumentKind.Current && Dimensions[a.Dimension].PerLayer))) return 1;
        return 0;
    }

    private IEnumerable<int[]> GlobalCombinations()
    {
        return IndexProduct.Of(globalDims.Select(d => Dimensions[d].Values.Count).ToArray());
    }

    /// <summary>The candidate index of per-layer dimension <paramref name="position"/> (in <see cref="LayerDimensions"/>) within a tuple.</summary>
    public int TupleIndex(int tuple, int position) => tuple / layerRadix[position] % Dimensions[layerDims[position]].Values.Count;

    public int MakeTuple(IReadOnlyList<int> indices)
    {
        var tuple = 0;
        for (var k = 0; k < layerDims.Length; k++) tuple += indices[k] * layerRadix[k];
        return tuple;
    }

    /// <summary>The value of dimension <paramref name="dimension"/> at layer <paramref name="layer"/> (any layer for a global one).</summary>
    public double Value(Genes genes, int dimension, int layer)
    {
        var dim = Dimensions[dimension];
        if (!dim.PerLayer) return dim.Values[genes.Global[Array.IndexOf(globalDims, dimension)]];
        return dim.Values[TupleIndex(genes.Layers[layer], Array.IndexOf(layerDims, dimension))];
    }

    private double Value(int[] global, int tuple, int dimension)
    {
        var dim = Dimensions[dimension];
        if (!dim.PerLayer) return dim.Values[global[Array.IndexOf(globalDims, dimension)]];
        return dim.Values[TupleIndex(tuple, Array.IndexOf(layerDims, dimension))];
    }

    private double[] Arguments(ConstraintSpec constraint, int[] global, int previous, int current, int layer)
    {
        var values = new double[constraint.Arguments.Count];
        for (var k = 0; k < values.Length; k++)
        {
            var argument = constraint.Arguments[k];
            values[k] = argument.Kind switch
            {
                ArgumentKind.LayerIndex => layer,
                ArgumentKind.Previous => Value(global, previous, argument.Dimension),
                _ => Value(global, current, argument.Dimension),
            };
        }
        return values;
    }

    public int LayerCount(int[] global) => (int)Dimensions[globalDims[layersPosition]].Values[global[layersPosition]];

    private long GlobalKey(int[] global)
    {
        long key = 0;
        for (var k = 0; k < global.Length; k++) key = key * Dimensions[globalDims[k]].Values.Count + global[k];
        return key;
    }

    private bool Allowed(int[] global, int layer, int tuple) =>
        layerConstraints.All(c => c.Predicate(Arguments(c, global, -1, tuple, layer)));

    private bool Transition(int[] global, int layer, int previous, int tuple)
    {
        for (var k = 0; k < layerDims.Length; k++)
        {
            var block = Dimensions[layerDims[k]].PerBlock;
            if (block > 1 && layer % block != 0 && TupleIndex(previous, k) != TupleIndex(tuple, k)) return false;
        }
        return pairConstraints.All(c => c.Predicate(Arguments(c, global, previous, tuple, layer)));
    }

    private Chain ChainFor(int[] global)
    {
        var key = GlobalKey(global);
        lock (chains)
        {
            if (!chains.TryGetValue(key, out var chain)) chains[key] = chain = new Chain(this, global);
            return chain;
        }
    }

    /// <summary>Whether the global choice satisfies the global constraints and has at least one valid layer chain.</summary>
    public bool IsFeasible(int[] global) =>
        globalConstraints.All(c => c.Predicate(Arguments(c, global, -1, -1, 0))) && ChainFor(global).Count > 0;

    /// <summary>Whether some valid architecture uses candidate <paramref name="candidate"/> of dimension <paramref name="dimension"/>.</summary>
    public bool IsCandidateUsable(int dimension, int candidate)
    {
        var position = Array.IndexOf(globalDims, dimension);
        foreach (var global in globalChoices)
        {
            var chain = ChainFor(global);
            if (chain.Count.IsZero) continue;
            if (position >= 0)
            {
                if (global[position] == candidate) return true;
                continue;
            }
            var layerPosition = Array.IndexOf(layerDims, dimension);
            if (chain.UsesCandidate(layerPosition, candidate)) return true;
        }
        return false;
    }
}
