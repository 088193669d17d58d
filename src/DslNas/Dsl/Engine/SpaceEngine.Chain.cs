using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace DslNas.Engine;

public sealed partial class SpaceEngine
{
    /// <summary>
    /// The layer chains of one global choice: which tuples each layer allows, which follow which, and the number of
    /// valid completions from every (layer, tuple), counted backwards. Positions can be pinned to a tuple, which is
    /// how mutation and crossover keep what they inherit while resampling the rest uniformly.
    /// </summary>
    private sealed class Chain
    {
        private readonly SpaceEngine engine;
        private readonly int[] global;
        private readonly bool independent;
        private readonly bool[][] allowed;
        private readonly int[][][] successors;
        private readonly BigInteger[][] backward;
        private readonly BigInteger[][] forward;
        private readonly int[] allTuples;

        // steps[layer][previous + 1]: the draw of a layer's tuple given the previous one, built on first use. Races only
        // build the same value twice.
        private readonly WeightedIndex?[][] steps;

        public Chain(SpaceEngine engine, int[] global)
        {
            this.engine = engine;
            this.global = global;
            Length = engine.LayerCount(global);
            var tuples = engine.TupleCount;
            var byIndex = engine.layerConstraints.Any(c => c.Arguments.Any(a => a.Kind == ArgumentKind.LayerIndex));
            allowed = new bool[Length][];
            for (var i = 0; i < Length; i++)
                allowed[i] = !byIndex && i > 0 ? allowed[0] : Enumerable.Range(0, tuples).Select(t => engine.Allowed(global, i, t)).ToArray();

            independent = engine.pairConstraints.Length == 0 && engine.layerDims.All(d => engine.Dimensions[d].PerBlock <= 1);
            successors = new int[Length][][];
            for (var i = 1; i < Length; i++)
            {
                successors[i] = new int[tuples][];
                for (var s = 0; s < tuples; s++)
                {
                    if (!allowed[i - 1][s]) continue;
                    var layer = i;
                    var from = s;
                    successors[i][s] = independent
                        ? Enumerable.Range(0, tuples).Where(t => allowed[layer][t]).ToArray()
                        : Enumerable.Range(0, tuples).Where(t => allowed[layer][t] && engine.Transition(global, layer, from, t)).ToArray();
                }
            }
            allTuples = Enumerable.Range(0, tuples).ToArray();
            steps = Enumerable.Range(0, Length).Select(_ => new WeightedIndex?[tuples + 1]).ToArray();
            backward = Backward(null);
            forward = Forward();
            Count = Length == 0 ? BigInteger.One : backward[0].Aggregate(BigInteger.Zero, (a, b) => a + b);
        }

        public int Length { get; }

        public BigInteger Count { get; }

        private bool Ok(int layer, int tuple, int[]? pinned) =>
            allowed[layer][tuple] && (pinned is null || pinned[layer] < 0 || pinned[layer] == tuple);

        private BigInteger[][] Backward(int[]? pinned)
        {
            var tuples = engine.TupleCount;
            var result = new BigInteger[Length][];
            for (var i = Length - 1; i >= 0; i--)
            {
                result[i] = new BigInteger[tuples];
                for (var t = 0; t < tuples; t++)
                {
                    if (!Ok(i, t, pinned)) continue;
                    if (i == Length - 1)
                    {
                        result[i][t] = BigInteger.One;
                        continue;
                    }
                    var sum = BigInteger.Zero;
                    foreach (var next in successors[i + 1][t]) sum += result[i + 1][next];
                    result[i][t] = sum;
                }
            }
            return result;
        }

        private BigInteger[][] Forward()
        {
            var tuples = engine.TupleCount;
            var result = new BigInteger[Length][];
            for (var i = 0; i < Length; i++) result[i] = new BigInteger[tuples];
            if (Length == 0) return result;
            for (var t = 0; t < tuples; t++)
                if (allowed[0][t]) result[0][t] = BigInteger.One;
            for (var i = 1; i < Length; i++)
            for (var s = 0; s < tuples; s++)
            {
                if (result[i - 1][s].IsZero || successors[i][s] is null) continue;
                foreach (var t in successors[i][s]) result[i][t] += result[i - 1][s];
            }
            return result;
        }

        public bool UsesCandidate(int layerPosition, int candidate)
        {
            for (var i = 0; i < Length; i++)
            for (var t = 0; t < engine.TupleCount; t++)
                if (engine.TupleIndex(t, layerPosition) == candidate && !(forward[i][t] * backward[i][t]).IsZero)
                    return true;
            return false;
        }

        public bool Contains(int[] layers)
        {
            if (layers.Length != Length) return false;
            for (var i = 0; i < Length; i++)
            {
                if (layers[i] < 0 || layers[i] >= engine.TupleCount || !allowed[i][layers[i]]) return false;
                if (i > 0 && !successors[i][layers[i - 1]].Contains(layers[i])) return false;
            }
            return true;
        }

        /// <summary>A uniformly random valid chain that keeps every pinned position (-1 = free), or null if none exists.</summary>
        public int[]? Sample(Random random, int[]? pinned)
        {
            var counts = pinned is null ? backward : Backward(pinned);
            var layers = new int[Length];
            for (var i = 0; i < Length; i++)
            {
                var options = i == 0 ? allTuples : successors[i][layers[i - 1]];
                if (pinned is null)
                {
                    layers[i] = options.Length == 1 ? options[0] : options[Step(i, i == 0 ? -1 : layers[i - 1], options, counts[i]).Next(random)];
                    continue;
                }
                var weights = options.Select(t => counts[i][t]).ToArray();
                var choice = new WeightedIndex(weights);
                if (choice.Total.IsZero) return null;
                layers[i] = options[choice.Next(random)];
            }
            return layers;
        }

        private WeightedIndex Step(int layer, int previous, int[] options, BigInteger[] counts) =>
            steps[layer][previous + 1] ??= new WeightedIndex(options.Select(t => counts[t]).ToArray());

        /// <summary>
        /// The chain with the largest (or smallest) total cost, exactly (Viterbi). A layer's cost may depend on the
        /// tuple before it (-1 at the first layer) and on a state carried along the chain, which each tuple updates
        /// (the tokens that reach a layer); the search runs over (tuple, state) pairs. Ties keep the earlier candidate.
        /// </summary>
        public int[] Best(int states, int firstState, int[][] nextState, Func<int, int, int, FlopsAndParameters> cost, bool maximize)
        {
            var layers = new int[Length];
            if (Length == 0) return layers;
            var width = engine.TupleCount * states;
            var best = new FlopsAndParameters[Length][];
            var reached = new bool[Length][];
            var from = new int[Length][];
            for (var i = 0; i < Length; i++)
            {
                best[i] = new FlopsAndParameters[width];
                reached[i] = new bool[width];
                from[i] = new int[width];
            }

            void Offer(int layer, int node, FlopsAndParameters total, int previousNode)
            {
                if (reached[layer][node] && !(maximize ? total.CompareTo(best[layer][node]) > 0 : total.CompareTo(best[layer][node]) < 0)) return;
                reached[layer][node] = true;
                best[layer][node] = total;
                from[layer][node] = previousNode;
            }

            for (var t = 0; t < engine.TupleCount; t++)
                if (!backward[0][t].IsZero) Offer(0, t * states + nextState[firstState][t], cost(-1, t, firstState), -1);
            for (var i = 1; i < Length; i++)
            for (var s = 0; s < engine.TupleCount; s++)
            {
                if (successors[i][s] is null) continue;
                for (var state = 0; state < states; state++)
                {
                    var node = s * states + state;
                    if (!reached[i - 1][node]) continue;
                    foreach (var t in successors[i][s])
                        if (!backward[i][t].IsZero)
                            Offer(i, t * states + nextState[state][t], best[i - 1][node] + cost(s, t, state), node);
                }
            }

            var last = -1;
            for (var node = 0; node < width; node++)
                if (reached[Length - 1][node] && (last < 0 || (maximize
                        ? best[Length - 1][node].CompareTo(best[Length - 1][last]) > 0
                        : best[Length - 1][node].CompareTo(best[Length - 1][last]) < 0)))
                    last = node;
            for (var i = Length - 1; i >= 0; i--)
            {
                layers[i] = last / states;
                last = from[i][last];
            }
            return layers;
        }

        public IEnumerable<int[]> Enumerate()
        {
            if (Length == 0)
            {
                yield return new int[0];
                yield break;
            }
            var stack = new List<int>();
            foreach (var chain in Extend(stack)) yield return chain;
        }

        private IEnumerable<int[]> Extend(List<int> prefix)
        {
            var i = prefix.Count;
            var options = i == 0 ? Enumerable.Range(0, engine.TupleCount) : successors[i][prefix[i - 1]];
            foreach (var t in options)
            {
                if (backward[i][t].IsZero) continue;
                prefix.Add(t);
                if (i == Length - 1) yield return prefix.ToArray();
                else
                    foreach (var chain in Extend(prefix)) yield return chain;
                prefix.RemoveAt(prefix.Count - 1);
            }
        }
    }
}
