using DslNas.Distributed;
using DslNas.Torch;

namespace DslNas.Tests.Distributed;

public sealed class GradientBucketsTests
{
    [Fact]
    public void Gradients_fill_buckets_in_order_and_a_large_one_gets_its_own()
    {
        using var scope = torch.NewDisposeScope();
        // 4-byte floats: 10, 10, 30 and 5 elements against 100-byte buckets.
        var gradients = new[] { torch.zeros([10]), torch.zeros([2, 5]), torch.zeros([30]), torch.zeros([5]) };
        var buckets = GradientBuckets.Plan(gradients, bucketBytes: 100);
        buckets.Select(b => b.Select(t => Array.IndexOf(gradients, t)).ToArray()).Should().BeEquivalentTo(
            new[] { new[] { 0, 1 }, new[] { 2 }, new[] { 3 } }, o => o.WithStrictOrdering());
        GradientBuckets.Plan(gradients, GradientBuckets.DefaultBytes).Should().ContainSingle();
    }
}
