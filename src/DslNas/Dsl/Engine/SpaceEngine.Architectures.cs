// The generator links this file for its compile-time checks, which never sample; random draws happen at run time only.
#pragma warning disable RS1035

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;

namespace DslNas.Engine;

public sealed partial class SpaceEngine
{
    private WeightedIndex? globalSampler;

    private WeightedIndex GlobalSampler =>
        globalSampler ??= new WeightedIndex(globalChoices.Select(g => ChainFor(g).Count).ToArray());

    /// <summary>A uniformly random architecture among those that satisfy every constraint.</summary>
    public Genes Sample(Random random)
    {
        var global = globalChoices[GlobalSampler.Next(random)];
        return new Genes((int[])global.Clone(), ChainFor(global).Sample(random, null)!);
    }

    /// <summary>
    /// Re-draws each gene with probability <paramref name="rate"/>: a global gene among the values that leave a
    /// valid architecture, a layer uniformly given the layers kept. Layers that the new global choice invalidates
    /// are re-drawn too, so the result always satisfies every constraint.
    /// </summary>
    public Genes Mutate(Genes genes, double rate, Random random)
    {
        var global = (int[])genes.Global.Clone();
        for (var k = 0; k < global.Length; k++)
        {
            if (random.NextDouble() >= rate) continue;
            var options = Enumerable.Range(0, Dimensions[globalDims[k]].Values.Count)
                .Where(v => { var trial = (int[])global.Clone(); trial[k] = v; return IsFeasible(trial); }).ToArray();
            if (options.Length > 0) global[k] = options[random.Next(options.Length)];
        }
        var length = LayerCount(global);
        var pinned = new int[length];
        for (var i = 0; i < length; i++) pinned[i] = i < genes.Layers.Length && random.NextDouble() >= rate ? genes.Layers[i] : -1;
        return new Genes(global, Complete(global, pinned, random));
    }

    /// <summary>Uniform crossover: each global gene and each layer from either parent, then repaired as in <see cref="Mutate"/>.</summary>
    public Genes Crossover(Genes a, Genes b, Random random)
    {
        var global = new int[a.Global.Length];
        for (var k = 0; k < global.Length; k++) global[k] = random.Next(2) == 0 ? a.Global[k] : b.Global[k];
        if (!IsFeasible(global)) global = (int[])(random.Next(2) == 0 ? a : b).Global.Clone();
        var length = LayerCount(global);
        var pinned = new int[length];
        for (var i = 0; i < length; i++)
        {
            var parent = random.Next(2) == 0 ? a : b;
            var other = parent == a ? b : a;
            pinned[i] = i < parent.Layers.Length ? parent.Layers[i] : i < other.Layers.Length ? other.Layers[i] : -1;
        }
        return new Genes(global, Complete(global, pinned, random));
    }

    /// <summary>A valid chain keeping as many pinned layers as possible: pins that cannot be kept are released from the last one back.</summary>
    private int[] Complete(int[] global, int[] pinned, Random random)
    {
        var chain = ChainFor(global);
        for (var i = 0; i < pinned.Length; i++)
            if (pinned[i] >= 0 && !IsAllowedAt(global, i, pinned[i])) pinned[i] = -1;
        while (true)
        {
            var layers = chain.Sample(random, pinned);
            if (layers is not null) return layers;
            var last = Array.FindLastIndex(pinned, p => p >= 0);
            if (last < 0) throw new InvalidOperationException("a feasible global choice has no valid layer chain");
            pinned[last] = -1;
        }
    }

    private bool IsAllowedAt(int[] global, int layer, int tuple) => tuple >= 0 && tuple < TupleCount && Allowed(global, layer, tuple);

    public bool Contains(Genes genes) =>
        genes.Global.Length == globalDims.Length
        && genes.Global.Select((g, k) => g >= 0 && g < Dimensions[globalDims[k]].Values.Count).All(ok => ok)
        && globalConstraints.All(c => c.Predicate(Arguments(c, genes.Global, -1, -1, 0)))
        && ChainFor(genes.Global).Contains(genes.Layers);

    /// <summary>Every valid architecture, global choices in candidate order, then layer chains in candidate order.</summary>
    public IEnumerable<Genes> Enumerate()
    {
        foreach (var global in globalChoices)
        foreach (var layers in ChainFor(global).Enumerate())
            yield return new Genes((int[])global.Clone(), layers);
    }

    /// <summary>The fixed-length integer encoding: global indices, then per-layer indices for <see cref="MaxLayers"/> layers (0 past the depth).</summary>
    public int[] Encode(Genes genes)
    {
        var code = new int[globalDims.Length + MaxLayers * layerDims.Length];
        Array.Copy(genes.Global, code, globalDims.Length);
        for (var i = 0; i < genes.Layers.Length; i++)
        for (var k = 0; k < layerDims.Length; k++)
            code[globalDims.Length + i * layerDims.Length + k] = TupleIndex(genes.Layers[i], k);
        return code;
    }

    public int EncodedLength => globalDims.Length + MaxLayers * layerDims.Length;

    /// <summary>The architecture of an encoding; an encoding outside the space is refused with the reasons.</summary>
    public Genes Decode(IReadOnlyList<int> code)
    {
        if (code.Count != EncodedLength)
            throw new ArgumentException($"an encoding of this space has {EncodedLength} integers, got {code.Count}");
        var problems = new List<string>();
        var global = new int[globalDims.Length];
        for (var k = 0; k < globalDims.Length; k++)
        {
            global[k] = code[k];
            var dim = Dimensions[globalDims[k]];
            if (global[k] < 0 || global[k] >= dim.Values.Count) problems.Add($"{dim.Name}: index {global[k]} is outside 0..{dim.Values.Count - 1}");
        }
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
        var layers = new int[LayerCount(global)];
        for (var i = 0; i < layers.Length; i++)
        {
            var indices = new int[layerDims.Length];
            for (var k = 0; k < layerDims.Length; k++)
            {
                indices[k] = code[globalDims.Length + i * layerDims.Length + k];
                var dim = Dimensions[layerDims[k]];
                if (indices[k] < 0 || indices[k] >= dim.Values.Count) problems.Add($"{dim.Name}[{i}]: index {indices[k]} is outside 0..{dim.Values.Count - 1}");
            }
            layers[i] = problems.Count == 0 ? MakeTuple(indices) : 0;
        }
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
        var genes = new Genes(global, layers);
        var violations = Violations(genes);
        if (violations.Count > 0) throw new ArgumentException(string.Join("; ", violations));
        return genes;
    }

    /// <summary>
    /// Genes for values given per dimension (one value for a global dimension, one per layer for a per-layer one),
    /// or the problems: values that are not candidates (naming the allowed values), wrong lengths, broken constraints.
    /// </summary>
    public (Genes? Genes, IReadOnlyList<string> Problems) FromValues(IReadOnlyList<IReadOnlyList<double>> values)
    {
        var problems = new List<string>();
        var global = new int[globalDims.Length];
        for (var k = 0; k < globalDims.Length; k++)
        {
            var dim = Dimensions[globalDims[k]];
            global[k] = dim.IndexOf(values[globalDims[k]][0]);
            if (global[k] < 0) problems.Add($"{dim.Name} = {Format(dim, values[globalDims[k]][0])} is not a candidate; allowed: {string.Join(", ", dim.Labels)}");
        }
        if (problems.Count > 0) return (null, problems);
        var length = LayerCount(global);
        foreach (var d in layerDims)
            if (values[d].Count != length)
                problems.Add($"{Dimensions[d].Name} has {values[d].Count} values but the architecture has {length} layers");
        if (problems.Count > 0) return (null, problems);
        var layers = new int[length];
        for (var i = 0; i < length; i++)
        {
            var indices = new int[layerDims.Length];
            for (var k = 0; k < layerDims.Length; k++)
            {
                var dim = Dimensions[layerDims[k]];
                indices[k] = dim.IndexOf(values[layerDims[k]][i]);
                if (indices[k] < 0) problems.Add($"{dim.Name}[{i}] = {Format(dim, values[layerDims[k]][i])} is not a candidate; allowed: {string.Join(", ", dim.Labels)}");
            }
            if (problems.Count == 0) layers[i] = MakeTuple(indices);
        }
        if (problems.Count > 0) return (null, problems);
        var genes = new Genes(global, layers);
        problems.AddRange(Violations(genes));
        return problems.Count > 0 ? (null, problems) : (genes, problems);
    }

    /// <summary>Values per dimension (one for a global dimension, one per layer for a per-layer one).</summary>
    public double[][] ToValues(Genes genes)
    {
        var values = new double[Dimensions.Count][];
        for (var d = 0; d < Dimensions.Count; d++)
            values[d] = Dimensions[d].PerLayer
                ? Enumerable.Range(0, genes.Layers.Length).Select(i => Value(genes, d, i)).ToArray()
                : new[] { Value(genes, d, 0) };
        return values;
    }

    private List<string> Violations(Genes genes)
    {
        var problems = new List<string>();
        foreach (var c in globalConstraints)
            if (!c.Predicate(Arguments(c, genes.Global, -1, -1, 0))) problems.Add($"constraint '{c.Description}' ({c.Name}) fails: {Describe(c, genes, 0)}");
        for (var i = 0; i < genes.Layers.Length; i++)
        {
            foreach (var c in layerConstraints)
                if (!c.Predicate(Arguments(c, genes.Global, -1, genes.Layers[i], i)))
                    problems.Add($"constraint '{c.Description}' ({c.Name}) fails at layer {i}: {Describe(c, genes, i)}");
            if (i == 0) continue;
            for (var k = 0; k < layerDims.Length; k++)
            {
                var dim = Dimensions[layerDims[k]];
                if (dim.PerBlock > 1 && i % dim.PerBlock != 0 && TupleIndex(genes.Layers[i], k) != TupleIndex(genes.Layers[i - 1], k))
                    problems.Add($"{dim.Name} must stay the same within blocks of {dim.PerBlock} layers, but layer {i} differs from layer {i - 1}");
            }
            foreach (var c in pairConstraints)
                if (!c.Predicate(Arguments(c, genes.Global, genes.Layers[i - 1], genes.Layers[i], i)))
                    problems.Add($"constraint '{c.Description}' ({c.Name}) fails at layer {i}: {Describe(c, genes, i)}");
        }
        return problems;
    }

    private string Describe(ConstraintSpec constraint, Genes genes, int layer) => string.Join(", ", constraint.Arguments.Select(a => a.Kind switch
    {
        ArgumentKind.LayerIndex => $"layer {layer}",
        ArgumentKind.Previous => $"previous {Dimensions[a.Dimension].Name} = {Format(Dimensions[a.Dimension], Value(genes, a.Dimension, layer - 1))}",
        _ => $"{Dimensions[a.Dimension].Name} = {Format(Dimensions[a.Dimension], Value(genes, a.Dimension, layer))}",
    }));

    private static string Format(DimensionSpec dimension, double value)
    {
        var index = dimension.IndexOf(value);
        return index >= 0 ? dimension.Labels[index] : value.ToString(CultureInfo.InvariantCulture);
    }
}
