using System;
using System.Linq;

namespace DslNas.Engine;

/// <summary>
/// The largest and smallest architectures, by compute: FLOPs at <see cref="ExtremeSequenceLength"/> first, then
/// parameters. Ranking by parameters alone cannot tell kept lengths apart (they hold no weights), and the sandwich
/// rule and the reports mean "most and least compute".
/// </summary>
public sealed partial class SpaceEngine
{
    /// <summary>The sequence length at which FLOPs rank architectures in a space without [SeqLength].</summary>
    public const int DefaultSequenceLength = 128;

    /// <summary>The sequence length at which <see cref="Extreme"/> counts FLOPs: the longest a [SeqLength] dimension allows, else <see cref="DefaultSequenceLength"/>.</summary>
    public int ExtremeSequenceLength =>
        Dimensions.FirstOrDefault(d => d.Role == Role.SeqLength) is { } lengths ? (int)lengths.Values.Max() : DefaultSequenceLength;

    /// <summary>
    /// The valid architecture with the most FLOPs at <see cref="ExtremeSequenceLength"/>, then the most parameters
    /// (<paramref name="largest"/>), or the fewest FLOPs, then the fewest parameters. Exact: a dynamic program over each
    /// global choice's layer chain that carries the tokens reaching each layer. Ties go to the first in candidate order.
    /// </summary>
    public Genes Extreme(bool largest)
    {
        var length = ExtremeSequenceLength;
        Genes? best = null;
        var bestCost = default(FlopsAndParameters);
        foreach (var global in globalChoices)
        {
            var chain = ChainFor(global);
            if (chain.Count.IsZero) continue;
            var genes = new Genes((int[])global.Clone(), ExtremeChain(chain, global, length, largest));
            var cost = new FlopsAndParameters(Flops(genes, length), Parameters(genes));
            if (best is null || (largest ? cost.CompareTo(bestCost) > 0 : cost.CompareTo(bestCost) < 0))
            {
                best = genes;
                bestCost = cost;
            }
        }
        return best ?? throw new InvalidOperationException("the space holds no architecture");
    }

    private int[] ExtremeChain(Chain chain, int[] global, int length, bool largest)
    {
        var shapes = Enumerable.Range(0, TupleCount).Select(t => Shape(global, t)).ToArray();
        // The states: how many tokens reach a layer (the sequence, or what some earlier layer kept).
        var tokens = new[] { (long)length }.Concat(shapes.Select(s => Math.Min(length, s.Keep))).Distinct().ToArray();
        var next = tokens.Select(n => shapes.Select(s => Array.IndexOf(tokens, Math.Min(n, s.Keep))).ToArray()).ToArray();

        FlopsAndParameters Cost(int previous, int tuple, int state)
        {
            var shape = shapes[tuple];
            var flops = LayerFlops(shape, tokens[state]);
            var parameters = LayerParameters(shape);
            if (previous >= 0)
            {
                flops += TransferFlops(shapes[previous].Hidden, shape.Hidden, tokens[state]);
                parameters += TransferParameters(shapes[previous].Hidden, shape.Hidden);
            }
            return new FlopsAndParameters(flops, parameters);
        }

        return chain.Best(tokens.Length, 0, next, Cost, largest);
    }

    /// <summary>Compute, ordered by FLOPs, then parameters. Sums stay exact: every term is an integer far below 2^53.</summary>
    private readonly struct FlopsAndParameters : IComparable<FlopsAndParameters>
    {
        public FlopsAndParameters(double flops, double parameters)
        {
            Flops = flops;
            Parameters = parameters;
        }

        public double Flops { get; }
        public double Parameters { get; }

        public static FlopsAndParameters operator +(FlopsAndParameters a, FlopsAndParameters b) => new(a.Flops + b.Flops, a.Parameters + b.Parameters);

        public int CompareTo(FlopsAndParameters other)
        {
            var byFlops = Flops.CompareTo(other.Flops);
            return byFlops != 0 ? byFlops : Parameters.CompareTo(other.Parameters);
        }
    }
}
