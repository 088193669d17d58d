using DslNas.Engine;

namespace DslNas.Hardware.Simulation;

/// <summary>
/// The kernels each <see cref="LatencyPart"/> runs, from its shapes, in the order the dense model runs them: the one
/// mapping from parts to kernels that the roofline model and the calibration share.
/// </summary>
public static class KernelPlan
{
    public static IReadOnlyList<Kernel> Of(LatencyPart part, long batch)
    {
        double rows = batch * part.TokensIn;
        double h = part.Hidden;
        var kernels = new List<Kernel>();
        switch (part.Kind)
        {
            case LatencyPartKind.Embedding:
                kernels.Add(Kernel.Elementwise("token + position embedding", rows * h, 1, reads: 2));
                kernels.Add(LayerNorm(rows, h));
                break;
            case LatencyPartKind.Transfer:
                kernels.Add(Kernel.Gemm("transfer", rows, part.HiddenIn, h));
                break;
            default:
                Layer(part, batch, kernels);
                break;
        }
        return kernels;
    }

    private static void Layer(LatencyPart part, long batch, List<Kernel> kernels)
    {
        double h = part.Hidden;
        double rowsIn = batch * part.TokensIn, rowsOut = batch * part.TokensOut;
        switch (part.Op)
        {
            case LayerOp.FullLayer:
                Attention(part, batch, kernels);
                if (part.TokensOut < part.TokensIn) kernels.Add(Kernel.Elementwise("token selection and gather", rowsIn * h, 1));
                Ffn(rowsOut, h, part.Ffn, kernels);
                break;
            case LayerOp.Attention:
                Attention(part, batch, kernels);
                break;
            case LayerOp.Ffn:
                Ffn(rowsIn, h, part.Ffn, kernels);
                break;
            case LayerOp.SepConv3 or LayerOp.SepConv5 or LayerOp.SepConv7:
                var k = part.Op.KernelSize();
                kernels.Add(new Kernel("depthwise convolution", 2 * rowsIn * h * k, 4 * (2 * rowsIn * h + h * k)));
                kernels.Add(Kernel.Gemm("pointwise", rowsIn, h, h));
                kernels.Add(Kernel.Elementwise("gelu", rowsIn * h, 8));
                kernels.Add(Kernel.Elementwise("residual add", rowsIn * h, 1, reads: 2));
                kernels.Add(LayerNorm(rowsIn, h));
                break;
        }
    }

    private static void Attention(LatencyPart part, long batch, List<Kernel> kernels)
    {
        double t = part.TokensIn, h = part.Hidden, a = part.Heads, d = part.HeadSize;
        var rows = batch * t;
        foreach (var name in new[] { "query", "key", "value" }) kernels.Add(Kernel.Gemm(name, rows, h, a * d));
        kernels.Add(Kernel.BatchedGemm("scores", batch * a, t, d, t));
        kernels.Add(Kernel.Elementwise("softmax", batch * a * t * t, 5, reads: 2));
        kernels.Add(Kernel.BatchedGemm("context", batch * a, t, t, d));
        kernels.Add(Kernel.Gemm("attention output", rows, a * d, h));
        kernels.Add(Kernel.Elementwise("residual add", rows * h, 1, reads: 2));
        kernels.Add(LayerNorm(rows, h));
    }

    private static void Ffn(double rows, double h, double f, List<Kernel> kernels)
    {
        kernels.Add(Kernel.Gemm("ffn in", rows, h, f));
        kernels.Add(Kernel.Elementwise("gelu", rows * f, 8));
        kernels.Add(Kernel.Gemm("ffn out", rows, f, h));
        kernels.Add(Kernel.Elementwise("residual add", rows * h, 1, reads: 2));
        kernels.Add(LayerNorm(rows, h));
    }

    private static Kernel LayerNorm(double rows, double h) => new("layer norm", 8 * rows * h, 4 * (2 * rows * h + 2 * h));
}
