using System;
using System.Linq;

namespace DslNas.Engine;

/// <summary>
/// Closed-form costs from the roles (formulas in docs/dsl.md). Without [HeadSize] a head has hidden / heads features;
/// without [FfnSize] the FFN is 4 x hidden wide; without [Op] every slot is a full layer (attention, then FFN).
/// Parameters count weights, biases and layer norms exactly as the extracted dense model holds them.
/// </summary>
public sealed partial class SpaceEngine
{
    private const int FullLayer = -1;

    private double RoleValue(int[] global, int tuple, Role role, double fallback)
    {
        for (var d = 0; d < Dimensions.Count; d++)
            if (Dimensions[d].Role == role) return Value(global, tuple, d);
        return fallback;
    }

    private (int Op, long Hidden, long Heads, long HeadSize, long Ffn) Shape(int[] global, int tuple)
    {
        var hidden = (long)RoleValue(global, tuple, Role.Hidden, 0);
        var heads = (long)RoleValue(global, tuple, Role.Heads, 1);
        var headSize = (long)RoleValue(global, tuple, Role.HeadSize, Math.Max(1, hidden / Math.Max(1, heads)));
        var ffn = (long)RoleValue(global, tuple, Role.FfnSize, 4 * hidden);
        var op = (int)RoleValue(global, tuple, Role.Op, FullLayer);
        return (op, hidden, heads, headSize, ffn);
    }

    private static long AttentionParameters(long h, long a, long d) => 3 * (h * a * d + a * d) + a * d * h + h + 2 * h;

    private static long FfnParameters(long h, long f) => h * f + f + f * h + h + 2 * h;

    private static long SepConvParameters(long h, long k) => h * k + h + h * h + h + 2 * h;

    private static int Kernel(int op) => op switch
    {
        (int)Op.SepConv3 => 3,
        (int)Op.SepConv5 => 5,
        (int)Op.SepConv7 => 7,
        _ => 0,
    };

    private double LayerParameters(int[] global, int tuple)
    {
        var (op, h, a, d, f) = Shape(global, tuple);
        return op switch
        {
            FullLayer => AttentionParameters(h, a, d) + FfnParameters(h, f),
            (int)Op.Attention => AttentionParameters(h, a, d),
            (int)Op.Ffn => FfnParameters(h, f),
            (int)Op.Identity => 0,
            _ => SepConvParameters(h, Kernel(op)),
        };
    }

    /// <summary>The linear map between consecutive layers of different hidden size.</summary>
    private double TransferParameters(int[] global, int previous, int tuple)
    {
        var before = Shape(global, previous).Hidden;
        var after = Shape(global, tuple).Hidden;
        return before == after ? 0 : before * after + after;
    }

    /// <summary>
    /// Parameters of the encoder layers (and hidden-size transfers); with a vocabulary size, also the token and
    /// position embeddings and the embedding layer norm.
    /// </summary>
    public long Parameters(Genes genes, int vocabularySize = 0, int maxPositions = 0)
    {
        double total = 0;
        for (var i = 0; i < genes.Layers.Length; i++)
        {
            total += LayerParameters(genes.Global, genes.Layers[i]);
            if (i > 0) total += TransferParameters(genes.Global, genes.Layers[i - 1], genes.Layers[i]);
        }
        if (vocabularySize > 0 && genes.Layers.Length > 0)
        {
            var h0 = Shape(genes.Global, genes.Layers[0]).Hidden;
            total += (vocabularySize + maxPositions) * (double)h0 + 2 * h0;
        }
        return (long)total;
    }

    /// <summary>
    /// Floating-point operations (a multiply-add counts 2) of one sequence of <paramref name="sequenceLength"/> tokens
    /// through the encoder layers. With [SeqLength], layer i attends over the tokens the previous layer kept and runs
    /// its FFN over the tokens it keeps itself.
    /// </summary>
    public long Flops(Genes genes, int sequenceLength)
    {
        var seqDimension = Enumerable.Range(0, Dimensions.Count).Where(d => Dimensions[d].Role == Role.SeqLength).DefaultIfEmpty(-1).First();
        var hasLengths = seqDimension >= 0;
        double total = 0;
        long tokens = sequenceLength;
        for (var i = 0; i < genes.Layers.Length; i++)
        {
            var (op, h, a, d, f) = Shape(genes.Global, genes.Layers[i]);
            var kept = hasLengths ? Math.Min(tokens, (long)Value(genes, seqDimension, i)) : tokens;
            if (i > 0)
            {
                var before = Shape(genes.Global, genes.Layers[i - 1]).Hidden;
                if (before != h) total += 2.0 * tokens * before * h;
            }
            total += op switch
            {
                FullLayer => AttentionFlops(tokens, h, a, d) + FfnFlops(kept, h, f),
                (int)Op.Attention => AttentionFlops(tokens, h, a, d),
                (int)Op.Ffn => FfnFlops(tokens, h, f),
                (int)Op.Identity => 0,
                _ => 2.0 * tokens * h * Kernel(op) + 2.0 * tokens * h * h,
            };
            tokens = kept;
        }
        return (long)total;
    }

    private static double AttentionFlops(long n, long h, long a, long d) =>
        3 * 2.0 * n * h * a * d + 2 * 2.0 * n * n * a * d + 2.0 * n * a * d * h;

    private static double FfnFlops(long n, long h, long f) => 2 * 2.0 * n * h * f;
}
