using DslNas.Data.Batching;
using DslNas.Hardware;
using DslNas.Hardware.Simulation;
using DslNas.Nn;
using DslNas.Search;
using DslNas.Torch;
using DslNas.Training;

namespace DslNas.Spaces.Tests.Reliability;

/// <summary>
/// Nothing native leaks across steps: the count of live libtorch tensors (<see cref="Tensor.LiveCount"/>, every
/// thread's) is the same after many training steps and search evaluations as after the first, and back to where it
/// started once the supernet and trainer are disposed. Runs alone: other tests' tensors would be counted too.
/// </summary>
[Collection(nameof(ProcessGlobalCollection))]
public sealed class LiveTensorTests
{
    private static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.LiveCount;
    }

    private static List<EncodedExample> Examples(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var ids = new[] { 2 }.Concat(Enumerable.Range(0, random.Next(4, 14)).Select(_ => random.Next(5, 20))).Append(3).ToArray();
            return new EncodedExample(ids, ids.Contains(7) ? 1 : 0);
        }).ToList();
    }

    [Fact]
    public void Training_steps_and_search_evaluations_leave_the_live_tensor_count_where_it_was()
    {
        var start = Settled();
        var engine = TinyLengths.Space.Engine;
        torch.manual_seed(1);
        var supernet = new TinyLengths.Supernet(new SupernetOptions(20, 16, Classes: 2, Dropout: 0.1));
        var trainer = new SupernetTrainer(supernet, Examples(64, 1), new Batcher(8, 0),
            new SupernetTrainingOptions(Steps: 30, LearningRate: 3e-3, RandomSubnets: 2, LengthDrop: 0.2, LayerDrop: 0.2, Seed: 9));
        trainer.Train(untilStep: 5);
        var warm = Settled();
        warm.Should().BeGreaterThan(start, "the supernet's parameters and AdamW's moments are alive");
        trainer.Train();
        trainer.Step.Should().Be(30);
        Settled().Should().Be(warm, "25 more steps allocate nothing that outlives them");

        var device = DeviceCatalog.Named.Single(d => d.Name == "mobile-cpu");
        var evaluator = new SupernetEvaluator(supernet, Examples(16, 2), new Batcher(8, 0), new LatencySource.Simulated(device, 16, 1), 16);
        var random = new Random(3);
        var evaluated = 0;
        for (var i = 0; i < 30; i++) evaluated += evaluator.Evaluate(engine.Sample(random)).Accuracy >= 0 ? 1 : 0;
        evaluated.Should().Be(30);
        Settled().Should().Be(warm, "search evaluations allocate nothing that outlives them");

        trainer.Dispose();
        supernet.Dispose();
        Settled().Should().Be(start, "disposing the supernet and trainer frees every tensor they held");
    }
}
