using System.Diagnostics;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Torch.Optim;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Torch.Tests;

[CollectionDefinition(nameof(LifetimeCollection), DisableParallelization = true)]
public sealed class LifetimeCollection;

/// <summary>Live native tensors are counted across all threads, so these run alone.</summary>
[Collection(nameof(LifetimeCollection))]
public sealed class LifetimeTests
{
    private static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.LiveCount;
    }

    [Fact]
    public void A_scope_disposes_everything_made_in_it_and_live_tensors_return_to_the_start()
    {
        var before = Settled();
        using (var scope = torch.NewDisposeScope())
        {
            var x = torch.randn([4, 4]);
            var y = x.matmul(x).relu().sum(0);
            var (values, indices) = y.topk(2);
            scope.Count.Should().BeGreaterThanOrEqualTo(6);
            Tensor.LiveCount.Should().BeGreaterThanOrEqualTo(before + 6);
        }
        Tensor.LiveCount.Should().Be(before);
    }

    [Fact]
    public void MoveToOuterDisposeScope_keeps_a_result_alive_until_the_outer_scope_ends()
    {
        var before = Settled();
        Tensor kept;
        using (torch.NewDisposeScope())
        {
            using (torch.NewDisposeScope())
            {
                var temporary = torch.ones([3]).mul(2.0);
                kept = temporary.add(1.0).MoveToOuterDisposeScope();
            }
            kept.IsDisposed.Should().BeFalse();
            kept.ToArray<float>().Should().Equal(3f, 3f, 3f);
            Tensor.LiveCount.Should().Be(before + 1);
        }
        kept.IsDisposed.Should().BeTrue();
        Tensor.LiveCount.Should().Be(before);
    }

    [Fact]
    public void Parameters_and_detached_tensors_outlive_scopes()
    {
        var before = Settled();
        Parameter parameter;
        Tensor owned;
        using (torch.NewDisposeScope())
        {
            parameter = new Parameter(torch.zeros([2]));
            owned = torch.ones([2]).DetachFromDisposeScope();
        }
        parameter.IsDisposed.Should().BeFalse();
        owned.IsDisposed.Should().BeFalse();
        parameter.Dispose();
        owned.Dispose();
        Tensor.LiveCount.Should().Be(before);
    }

    [Fact]
    public void Modules_and_optimizers_release_everything_they_allocate()
    {
        var before = Settled();
        using (var encoder = new TransformerEncoder(TransformerEncoderConfig.Uniform(50, 16, 16, 2, 2, 32)))
        using (var optimizer = new AdamW(encoder.parameters(), lr: 1e-3))
        using (torch.NewDisposeScope())
        {
            var ids = torch.randint(0, 50, [2, 8]);
            encoder.forward(ids).sum().backward();
            optimizer.step();
        }
        Tensor.LiveCount.Should().Be(before);
    }

    [Fact]
    public void A_thousand_step_training_loop_holds_native_tensors_and_resident_memory_flat()
    {
        torch.manual_seed(3);
        using var encoder = new TransformerEncoder(TransformerEncoderConfig.Uniform(64, 16, 32, 2, 2, 64));
        using var head = new Linear(32, 2);
        var parameters = encoder.parameters().Concat(head.parameters()).ToList();
        using var optimizer = new AdamW(parameters, lr: 1e-3);
        var ids = torch.randint(0, 64, [8, 16]).DetachFromDisposeScope();
        var labels = torch.randint(0, 2, [8]).DetachFromDisposeScope();

        void Step()
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var logits = head.forward(encoder.forward(ids).select(1, 0));
            F.cross_entropy(logits, labels).backward();
            GradientClipping.ClipGradNorm(parameters, 1.0);
            optimizer.step();
        }

        for (var i = 0; i < 100; i++) Step();
        var liveAfterWarmup = Settled();
        var residentAfterWarmup = Resident();
        for (var i = 0; i < 1000; i++) Step();
        var liveAfter = Settled();
        var residentAfter = Resident();

        liveAfter.Should().Be(liveAfterWarmup);
        (residentAfter - residentAfterWarmup).Should().BeLessThan(32L << 20, "1,000 steps must not grow resident memory");
        ids.Dispose();
        labels.Dispose();
    }

    private static long Resident()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
