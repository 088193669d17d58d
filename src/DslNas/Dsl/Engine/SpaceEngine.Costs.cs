using System;
using System.Collections.Generic;
using System.Linq;

namespace DslNas.Engine;

/// <summary>
/// Closed-form costs from the roles (formulas in docs/dsl.md). Without [HeadSize] a head has hidden / heads features;
/// without [FfnSize] the FFN is 4 x hidden wide; without [Op] every slot is a full layer (attention, then FFN).
/// Parameters count weights, biases and layer norms exactly as the extracted dense model holds them. Costs work
/// from values, so reference architectures outside the grid have costs too.
/// </summary>
public sealed partial class SpaceEngine
{
    private LayerShape Shape(Func<int, double> valueOf)
    {
        double? ByRole(Role role)
        {
            for (var d = 0; d < Dimensions.Count; d++)
                if (Dimensions[d].Role == role) return valueOf(d);
            return null;
        }

        var hidden = (long)(ByRole(Role.Hidden) ?? 0);
        var heads = (long)(ByRole(Role.Heads) ?? 1);
        return new LayerShape(
            ByRole(Role.Op) is { } op ? LayerOps.FromCandidate(op) : LayerOp.FullLayer,
            hidden,
            heads,
            (long)(ByRole(Role.HeadSize) ?? Math.Max(1, hidden / Math.Max(1, heads))),
            (long)(ByRole(Role.FfnSize) ?? 4 * hidden),
            ByRole(Role.SeqLength) is { } keep ? (long)keep : long.MaxValue);
    }

    private LayerShape Shape(int[] global, int tuple) => Shape(d => Value(global, tuple, d));

    private LayerShape Shape(double[][] values, int layer) => Shape(d => values[d][Dimensions[d].PerLayer ? layer : 0]);

    /// <summary>The shape of every layer of an architecture given as values per dimension, with the role defaults applied.</summary>
    public IReadOnlyList<LayerShape> Layers(double[][] values) => Enumerable.Range(0, Depth(values)).Select(i => Shape(values, i)).ToArray();

    private int Depth(double[][] values) => (int)values[globalDims[layersPosition]][0];

    private static long AttentionParameters(long h, long a, long d) => 3 * (h * a * d + a * d) + a * d * h + h + 2 * h;

    private static long FfnParameters(long h, long f) => h * f + f + f * h + h + 2 * h;

    private static long SepConvParameters(long h, long k) => h * k + h + h * h + h + 2 * h;

    private static double LayerParameters(LayerShape s) => s.Op switch
    {
        LayerOp.FullLayer => AttentionParameters(s.Hidden, s.Heads, s.HeadSize) + FfnParameters(s.Hidden, s.Ffn),
        LayerOp.Attention => AttentionParameters(s.Hidden, s.Heads, s.HeadSize),
        LayerOp.Ffn => FfnParameters(s.Hidden, s.Ffn),
        LayerOp.Identity => 0,
        _ => SepConvParameters(s.Hidden, s.Op.KernelSize()),
    };

    /// <summary>The linear map between consecutive layers of different hidden size.</summary>
    private static double TransferParameters(long before, long after) => before == after ? 0 : before * after + after;

    public long Parameters(Genes genes, int vocabularySize = 0, int maxPositions = 0) => Parameters(ToValues(genes), vocabularySize, maxPositions);

    /// <summary>
    /// Parameters of the encoder layers (and hidden-size transfers) for values per dimension; with a vocabulary
    /// size, also the token and position embeddings and the embedding layer norm.
    /// </summary>
    public long Parameters(double[][] values, int vocabularySize = 0, int maxPositions = 0)
    {
        var depth = Depth(values);
        double total = 0;
        for (var i = 0; i < depth; i++)
        {
            total += LayerParameters(Shape(values, i));
            if (i > 0) total += TransferParameters(Shape(values, i - 1).Hidden, Shape(values, i).Hidden);
        }
        if (vocabularySize > 0 && depth > 0)
        {
            var h0 = Shape(values, 0).Hidden;
            total += (vocabularySize + (double)maxPositions) * h0 + 2 * h0;
        }
        return (long)total;
    }

    public long Flops(Genes genes, int sequenceLength) => Flops(ToValues(genes), sequenceLength);

    /// <summary>
    /// Floating-point operations (a multiply-add counts 2) of one sequence of <paramref name="sequenceLength"/> tokens
    /// through the encoder layers. With [SeqLength], layer i attends over the tokens the previous layer kept and runs
    /// its FFN over the tokens it keeps itself.
    /// </summary>
    public long Flops(double[][] values, int sequenceLength)
    {
        double total = 0;
        long tokens = sequenceLength;
        var depth = Depth(values);
        for (var i = 0; i < depth; i++)
        {
            var s = Shape(values, i);
            if (i > 0) total += TransferFlops(Shape(values, i - 1).Hidden, s.Hidden, tokens);
            total += LayerFlops(s, tokens);
            tokens = Math.Min(tokens, s.Keep);
        }
        return (long)total;
    }

    /// <summary>FLOPs of one layer that receives <paramref name="tokens"/> tokens.</summary>
    private static double LayerFlops(LayerShape s, long tokens) => s.Op switch
    {
        LayerOp.FullLayer => AttentionFlops(tokens, s.Hidden, s.Heads, s.HeadSize) + FfnFlops(Math.Min(tokens, s.Keep), s.Hidden, s.Ffn),
        LayerOp.Attention => AttentionFlops(tokens, s.Hidden, s.Heads, s.HeadSize),
        LayerOp.Ffn => FfnFlops(tokens, s.Hidden, s.Ffn),
        LayerOp.Identity => 0,
        _ => 2.0 * tokens * s.Hidden * s.Op.KernelSize() + 2.0 * tokens * s.Hidden * s.Hidden,
    };

    private static double TransferFlops(long before, long after, long tokens) => before == after ? 0 : 2.0 * tokens * before * after;

    private static double AttentionFlops(long n, long h, long a, long d) =>
        3 * 2.0 * n * h * a * d + 2 * 2.0 * n * n * a * d + 2.0 * n * a * d * h;

    private static double FfnFlops(long n, long h, long f) => 2 * 2.0 * n * h * f;
}
