using DslNas.Engine;
using DslNas.Nn;
using DslNas.Runs;

namespace DslNas.Methods.NasBert;

/// <summary>One candidate path of one block: the layer tuple (see <see cref="SpaceEngine.MakeTuple"/>) of each of its slots, and the parameters of its layers.</summary>
public sealed record BlockCandidate(int Block, int Index, int[] Tuples, long Parameters);

/// <summary>
/// The candidate paths of each block of a NAS-BERT-like space: the space's slots split into blocks of its [PerBlock]
/// size, and every choice of a block's slots that is valid with the rest of the largest architecture (for the seed
/// space, 97,650 per block: the hidden size once, an operation per slot, identities only at the tail). Architectures
/// are composed from one candidate per block, over the largest architecture's global choices.
/// </summary>
public sealed class BlockCandidates
{
    /// <summary>More raw choices per block than this are not enumerated.</summary>
    public const long MaxRawChoices = 2_000_000;

    private readonly SpaceEngine engine;
    private readonly Genes baseline;

    private BlockCandidates(SpaceEngine engine, int blockSize, IReadOnlyList<IReadOnlyList<BlockCandidate>> blocks)
    {
        this.engine = engine;
        baseline = engine.Extreme(largest: true);
        BlockSize = blockSize;
        Blocks = blocks;
    }

    public int BlockSize { get; }
    public IReadOnlyList<IReadOnlyList<BlockCandidate>> Blocks { get; }

    /// <summary>Null when the space splits into blocks of candidate paths; otherwise what it lacks.</summary>
    public static string? Problem(SpaceEngine engine)
    {
        var layers = engine.Dimensions.First(d => d.Role == Role.Layers);
        if (layers.Values.Count != 1) return $"its depth [{layers.Name}] has several candidates ({string.Join(", ", layers.Labels)}); NAS-BERT's chain of slots has one depth";
        var size = BlockSizeOf(engine);
        if (size < 2) return "it has no [PerBlock] dimension of more than one slot";
        return engine.MaxLayers % size == 0 ? null : $"its {engine.MaxLayers} slots do not split into blocks of {size}";
    }

    public static BlockCandidates For(SpaceEngine engine)
    {
        if (Problem(engine) is { } problem) throw new RunInputException($"the space cannot be split into NAS-BERT blocks: {problem}");
        var size = BlockSizeOf(engine);
        var layerDims = engine.LayerDimensions;
        var fixedPositions = Enumerable.Range(0, layerDims.Count).Where(k => engine.Dimensions[layerDims[k]].PerBlock > 1).ToArray();
        var freePositions = Enumerable.Range(0, layerDims.Count).Where(k => engine.Dimensions[layerDims[k]].PerBlock <= 1).ToArray();
        int Candidates(int k) => engine.Dimensions[layerDims[k]].Values.Count;
        var raw = fixedPositions.Aggregate(1L, (n, k) => n * Candidates(k)) * (long)Math.Pow(freePositions.Aggregate(1L, (n, k) => n * Candidates(k)), size);
        if (raw > MaxRawChoices)
            throw new RunInputException($"a block of the space has {raw:N0} raw choices, more than the {MaxRawChoices:N0} NAS-BERT's candidate lists enumerate; use fewer candidates or smaller blocks");
        var baseline = engine.Extreme(largest: true);
        var blocks = new List<IReadOnlyList<BlockCandidate>>();
        for (var b = 0; b < engine.MaxLayers / size; b++)
        {
            var found = new List<BlockCandidate>();
            foreach (var fixedChoice in IndexProduct.Of(fixedPositions.Select(Candidates).ToArray()))
            foreach (var free in IndexProduct.Of(Enumerable.Repeat(freePositions.Select(Candidates).ToArray(), size).SelectMany(c => c).ToArray()))
            {
                var tuples = new int[size];
                for (var slot = 0; slot < size; slot++)
                {
                    var indices = new int[layerDims.Count];
                    for (var f = 0; f < fixedPositions.Length; f++) indices[fixedPositions[f]] = fixedChoice[f];
                    for (var f = 0; f < freePositions.Length; f++) indices[freePositions[f]] = free[slot * freePositions.Length + f];
                    tuples[slot] = engine.MakeTuple(indices);
                }
                var genes = Splice(baseline, b, size, tuples);
                if (engine.Contains(genes)) found.Add(new BlockCandidate(b, found.Count, tuples, BlockParameters(engine, genes, b, size)));
            }
            blocks.Add(found);
        }
        return new BlockCandidates(engine, size, blocks);
    }

    /// <summary>The architecture made of one candidate per block.</summary>
    public Genes Compose(IReadOnlyList<BlockCandidate> path)
    {
        if (path.Count != Blocks.Count) throw new ArgumentException($"an architecture takes one candidate for each of {Blocks.Count} blocks, got {path.Count}");
        return new Genes((int[])baseline.Global.Clone(), path.SelectMany(c => c.Tuples).ToArray());
    }

    /// <summary>The architecture that runs <paramref name="candidate"/> in its block and the largest architecture's layers elsewhere.</summary>
    public Genes WithBlock(BlockCandidate candidate) => Splice(baseline, candidate.Block, BlockSize, candidate.Tuples);

    /// <summary>The plan of <paramref name="candidate"/>'s own slots.</summary>
    public SubnetPlan Plan(BlockCandidate candidate) =>
        new(engine.Plan(WithBlock(candidate)).Layers.Skip(candidate.Block * BlockSize).Take(BlockSize).ToArray());

    /// <summary>A short description: the block's hidden size and its operations, e.g. "h=128 Attention,Ffn,SepConv3".</summary>
    public string Describe(BlockCandidate candidate)
    {
        var plan = Plan(candidate);
        return $"h={plan.FirstHidden} {string.Join(",", plan.Layers.Select(l => l.Op))}";
    }

    private static int BlockSizeOf(SpaceEngine engine) => engine.LayerDimensions.Select(d => engine.Dimensions[d].PerBlock).DefaultIfEmpty(1).Max();

    private static Genes Splice(Genes baseline, int block, int size, int[] tuples)
    {
        var layers = (int[])baseline.Layers.Clone();
        Array.Copy(tuples, 0, layers, block * size, size);
        return new Genes((int[])baseline.Global.Clone(), layers);
    }

    /// <summary>The block's layers alone, costed by the engine as a chain of <paramref name="size"/> layers (no transfers: a block has one hidden size).</summary>
    private static long BlockParameters(SpaceEngine engine, Genes genes, int block, int size)
    {
        var values = engine.ToValues(genes);
        var local = new double[values.Length][];
        for (var d = 0; d < values.Length; d++)
            local[d] = engine.Dimensions[d].PerLayer ? values[d].Skip(block * size).Take(size).ToArray()
                : engine.Dimensions[d].Role == Role.Layers ? [size] : values[d];
        return engine.Parameters(local);
    }
}
