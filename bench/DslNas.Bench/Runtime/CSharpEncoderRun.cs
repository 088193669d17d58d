using System.Diagnostics;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Torch.Optim;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Bench.Runtime;

/// <summary>Times a training step and batch-1 inference of the DslNas.Torch encoder (same model as peers/encoder_pytorch.py).</summary>
public static class CSharpEncoderRun
{
    public static (List<double> Train, List<double> Infer) Measure(EncoderShape shape, int warmup, int repeats)
    {
        torch.manual_seed(0);
        using var encoder = new TransformerEncoder(TransformerEncoderConfig.Uniform(shape.Vocab, shape.Seq, shape.Hidden, shape.Layers, shape.Heads, shape.Ffn));
        using var head = new Linear(shape.Hidden, 2);
        var parameters = encoder.parameters().Concat(head.parameters()).ToList();
        using var optimizer = new AdamW(parameters, lr: 1e-4, weight_decay: 0.01);
        using var ids = torch.randint(0, shape.Vocab, [shape.Batch, shape.Seq]).DetachFromDisposeScope();
        using var keep = torch.ones([shape.Batch, shape.Seq], ScalarType.Int64).DetachFromDisposeScope();
        using var labels = torch.randint(0, 2, [shape.Batch]).DetachFromDisposeScope();
        using var oneIds = ids.narrow(0, 0, 1).clone().DetachFromDisposeScope();
        using var oneKeep = keep.narrow(0, 0, 1).clone().DetachFromDisposeScope();

        void TrainStep()
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            F.cross_entropy(head.forward(encoder.forward(ids, keep).select(1, 0)), labels).backward();
            GradientClipping.ClipGradNorm(parameters, 1.0);
            optimizer.step();
        }

        void Infer()
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            head.forward(encoder.forward(oneIds, oneKeep).select(1, 0));
        }

        encoder.train();
        var train = Time(TrainStep, warmup, repeats);
        encoder.eval();
        var infer = Time(Infer, warmup, repeats);
        return (train, infer);
    }

    private static List<double> Time(Action action, int warmup, int repeats)
    {
        for (var i = 0; i < warmup; i++) action();
        var times = new List<double>(repeats);
        for (var i = 0; i < repeats; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return times;
    }
}
