using DslNas.Data.Batching;
using DslNas.Data.Tasks;
using DslNas.Torch;

namespace DslNas.Tests.Data;

public sealed class BatcherTests
{
    private static readonly List<EncodedExample> Examples =
        Enumerable.Range(0, 103).Select(i => new EncodedExample(Enumerable.Range(1, 2 + i % 9).ToArray(), i % 2)).ToList();

    [Fact]
    public void Every_example_appears_once_per_epoch_in_a_seed_determined_order()
    {
        var batcher = new Batcher(8, paddingId: 0);
        var plan = batcher.Plan(Examples, seed: 3, epoch: 0);
        plan.SelectMany(b => b).Order().Should().Equal(Enumerable.Range(0, 103));
        batcher.Plan(Examples, 3, 0).Should().BeEquivalentTo(plan, o => o.WithStrictOrdering());
        batcher.Plan(Examples, 3, 1).SelectMany(b => b).Should().NotEqual(plan.SelectMany(b => b));
        plan[0].Should().Equal(new[] { 44, 53, 62, 71, 80, 89, 98 }, "the order is fixed by the seed across processes, not only within one");
    }

    [Fact]
    public void Bucketing_reduces_padding()
    {
        int Padding(Batcher b) => b.Plan(Examples, 1, 0).Sum(batch => batch.Length * batch.Max(i => Examples[i].Ids.Length) - batch.Sum(i => Examples[i].Ids.Length));
        Padding(new Batcher(8, 0, bucketByLength: true)).Should().BeLessThan(Padding(new Batcher(8, 0, bucketByLength: false)) / 2);
    }

    [Fact]
    public void Batches_are_padded_with_a_keep_mask()
    {
        var examples = new List<EncodedExample> { new([5, 6, 7], 1), new([8], 0) };
        using var batch = new Batcher(2, paddingId: 9).Make(examples, [0, 1]);
        batch.Ids.ToArray<long>().Should().Equal(5, 6, 7, 8, 9, 9);
        batch.KeepMask.ToArray<long>().Should().Equal(1, 1, 1, 1, 0, 0);
        batch.Labels.ToArray<long>().Should().Equal(1, 0);
        batch.Ids.shape.Should().Equal(2, 3);
    }

    [Fact]
    public void A_shard_is_padded_as_the_global_batch_it_belongs_to()
    {
        var examples = new List<EncodedExample> { new([5, 6, 7], 1), new([8], 0) };
        Batcher.Length(examples, [0, 1]).Should().Be(3);
        using var shard = new Batcher(2, paddingId: 9).Make(examples, [1], padTo: 3);
        shard.Ids.ToArray<long>().Should().Equal(8, 9, 9);
        shard.KeepMask.ToArray<long>().Should().Equal(1, 0, 0);
        FluentActions.Invoking(() => new Batcher(2, 9).Make(examples, [0], padTo: 2)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*fewer tokens than its longest example*");
    }

    [Fact]
    public void Accuracy_and_f1_match_hand_computed_values()
    {
        int[] predicted = [1, 1, 0, 0, 1, 0];
        int[] actual = [1, 0, 0, 1, 1, 0];
        var binary = ClassificationMetrics.Compute(predicted, actual, 2, positiveClass: 1);
        binary.Accuracy.Should().BeApproximately(4 / 6.0, 1e-12);
        binary.F1.Should().BeApproximately(2.0 * 2 / (3 + 3), 1e-12);
        ClassificationMetrics.Compute(predicted, actual, 2).F1.Should().BeApproximately((2.0 / 3 + 2.0 / 3) / 2, 1e-12);
    }
}
