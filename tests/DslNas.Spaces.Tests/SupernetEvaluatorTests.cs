using DslNas.Data.Batching;
using DslNas.Hardware;
using DslNas.Hardware.Simulation;
using DslNas.Nn;
using DslNas.Search;
using DslNas.Torch;

namespace DslNas.Spaces.Tests;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class SupernetEvaluatorTests
{
    private static TinyLengths.Supernet Supernet()
    {
        torch.manual_seed(1);
        return new TinyLengths.Supernet(new SupernetOptions(20, 16, Classes: 2, Dropout: 0.1));
    }

    /// <summary>12 labelled examples of 8 tokens, the same on every call.</summary>
    private static List<EncodedExample> Examples()
    {
        var random = new Random(3);
        return Enumerable.Range(0, 12).Select(i => new EncodedExample([2, .. Enumerable.Range(0, 6).Select(_ => random.Next(5, 20)), 3], i % 2)).ToList();
    }

    [Fact]
    public void Lengths_that_drop_nothing_at_the_sequence_length_are_not_evaluated_again()
    {
        using var net = Supernet();
        var examples = Examples();
        var evaluator = new SupernetEvaluator(net, examples, new Batcher(4, 0), new LatencySource.Meter(new LatencyMeter(8, warmup: 0, repetitions: 3)), 8);
        TinyLengths Keeping(params int[] lengths) => new() { Layers = 2, Hidden = 32, Heads = [2, 2], FfnSize = [64, 64], SeqLength = Layered.Create<int>(lengths) };
        var longest = evaluator.Evaluate(TinyLengths.Space.ToGenes(Keeping(16, 16)));
        evaluator.Evaluate(TinyLengths.Space.ToGenes(Keeping(12, 8))).Should().BeSameAs(longest, "at 8 tokens neither 12 nor 8 drops a token");
        var reducing = evaluator.Evaluate(TinyLengths.Space.ToGenes(Keeping(4, 4)));
        reducing.Should().NotBeSameAs(longest);
        reducing.Flops.Should().BeLessThan(longest.Flops);
        evaluator.Evaluate(TinyLengths.Space.ToGenes(Keeping(4, 4))).Should().BeSameAs(reducing);
    }

    [Fact]
    public void An_architecture_over_the_budget_is_costed_but_not_scored()
    {
        using var net = Supernet();
        var examples = Examples();
        var device = DeviceCatalog.Named.Single(d => d.Name == "mobile-cpu");
        TinyLengths Wide(int ffn) => new() { Layers = 2, Hidden = 32, Heads = [2, 2], FfnSize = [ffn, ffn], SeqLength = Layered.Create<int>([16, 16]) };
        var (small, large) = (TinyLengths.Space.ToGenes(Wide(32)), TinyLengths.Space.ToGenes(Wide(64)));
        var engine = TinyLengths.Space.Engine;
        var budget = new SearchOptions(MaxFlops: (engine.Flops(small, 8) + engine.Flops(large, 8)) / 2.0);
        var everything = new SupernetEvaluator(net, examples, new Batcher(4, 0), new LatencySource.Simulated(device, 8, 1), 8);
        var budgeted = new SupernetEvaluator(net, examples, new Batcher(4, 0), new LatencySource.Simulated(device, 8, 1), 8, budget);

        var over = budgeted.Evaluate(large);
        over.Scored.Should().BeFalse();
        (over.Accuracy, over.Loss).Should().Be((0.0, 0.0));
        over.Should().Be(Metrics.Unscored(everything.Evaluate(large).Parameters, everything.Evaluate(large).Flops, everything.Evaluate(large).LatencyMs),
            "its costs are those of an evaluation that scores it");
        budget.Violation(over).Should().BePositive();
        var within = budgeted.Evaluate(small);
        within.Scored.Should().BeTrue();
        within.Should().Be(everything.Evaluate(small), "an architecture within the budget is scored as without one");

        // Labels outside the supernet's two classes make scoring fail: only an architecture that is scored fails.
        var unscorable = new SupernetEvaluator(net, Examples().Select(e => e with { Label = 7 }).ToList(), new Batcher(4, 0), new LatencySource.Simulated(device, 8, 1), 8, budget);
        unscorable.Evaluate(large).Scored.Should().BeFalse("it is costed without running the supernet on the examples");
        FluentActions.Invoking(() => unscorable.Evaluate(small)).Should().Throw<Exception>();
    }
}
