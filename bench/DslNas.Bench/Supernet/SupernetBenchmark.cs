using System.Diagnostics;
using System.Globalization;
using DslNas.Bench.Runtime;
using DslNas.Nn;
using DslNas.Spaces;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Torch.Optim;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Bench.Supernet;

/// <summary>
/// The cost of weight sharing, on fast-transformer subnets (hidden 256, seq 128, batch 16, vocab 8192):
/// a training step (forward, backward, clipping, AdamW) of a sampled subnet through the supernet against the same
/// architecture as a standalone dense model; and batch-1 inference of the extracted subnet against a dense model
/// built directly with the same shape. Measured alternately in rounds; medians and ratios.
/// </summary>
public static class SupernetBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var rounds = options.Int("rounds", 5);
        var repeats = options.Int("repeats", 10);
        var architectures = options.Int("architectures", 3);
        torch.manual_seed(1);
        using var supernet = new FastTransformer.Supernet(new SupernetOptions(8192, 128, Classes: 2, Dropout: 0.1));
        using var ids = torch.randint(0, 8192, [16, 128]).DetachFromDisposeScope();
        using var labels = torch.randint(0, 2, [16]).DetachFromDisposeScope();
        using var one = ids.narrow(0, 0, 1).clone().DetachFromDisposeScope();
        Console.WriteLine($"supernet benchmark: fast-transformer, {architectures} sampled architectures, {rounds} rounds x {repeats} repetitions");
        Console.WriteLine("| architecture | train step: supernet (ms) | dense (ms) | ratio | inference: extracted (ms) | built directly (ms) | ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var random = new Random(7);
        for (var a = 0; a < architectures; a++)
        {
            var architecture = FastTransformer.Space.Sample(random);
            var plan = FastTransformer.Supernet.Plan(architecture);
            using var extracted = supernet.Extract(architecture);
            var encoder = (TransformerEncoder)extracted.encoder;
            using var direct = new TransformerEncoder(encoder.Config);
            using var directHead = new Linear(plan.LastHidden, 2);
            var supernetParameters = supernet.parameters().ToList();
            var denseParameters = extracted.parameters().ToList();
            using var supernetOptimizer = new AdamW(supernetParameters, 1e-4);
            using var denseOptimizer = new AdamW(denseParameters, 1e-4);

            void SupernetStep() => Step(supernetOptimizer, supernetParameters, () => supernet.Classify(ids, null, plan), labels);
            void DenseStep() => Step(denseOptimizer, denseParameters, () => extracted.Classify(ids, null), labels);
            void ExtractedInference() => Infer(() => extracted.Classify(one, null));
            void DirectInference() => Infer(() => directHead.forward(direct.forward(one).select(1, 0)));

            supernet.train();
            extracted.train();
            var (trainSupernet, trainDense) = Alternate(SupernetStep, DenseStep, rounds, repeats);
            extracted.eval();
            direct.eval();
            var (inferExtracted, inferDirect) = Alternate(ExtractedInference, DirectInference, rounds, repeats * 5);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| L={architecture.Layers} heads {architecture.Heads} | {trainSupernet:F2} | {trainDense:F2} | {trainSupernet / trainDense:F2} | {inferExtracted:F3} | {inferDirect:F3} | {inferExtracted / inferDirect:F2} |"));
        }
        return 0;
    }

    private static void Step(AdamW optimizer, List<Parameter> parameters, Func<Tensor> logits, Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        F.cross_entropy(logits(), labels).backward();
        GradientClipping.ClipGradNorm(parameters, 1.0);
        optimizer.step();
    }

    private static void Infer(Func<Tensor> forward)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        forward();
    }

    private static (double A, double B) Alternate(Action a, Action b, int rounds, int repeats)
    {
        var timesA = new List<double>();
        var timesB = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            a();
            b();
        }
        for (var round = 0; round < rounds; round++)
        {
            timesA.AddRange(Time(a, repeats));
            timesB.AddRange(Time(b, repeats));
        }
        return (Median.Of(timesA), Median.Of(timesB));
    }

    private static IEnumerable<double> Time(Action action, int repeats)
    {
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            yield return clock.Elapsed.TotalMilliseconds;
        }
    }
}
