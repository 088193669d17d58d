using DslNas.Distributed;

namespace DslNas.Tests.Distributed;

public sealed class DataParallelShardTests
{
    [Theory]
    [InlineData(10, 2, 0, 0, 5, 1.0)]
    [InlineData(7, 2, 0, 0, 3, 6.0 / 7)]
    [InlineData(7, 2, 1, 3, 4, 8.0 / 7)]
    public void A_rank_takes_a_contiguous_shard_weighted_by_its_share(int count, int size, int rank, int start, int length, double weight)
    {
        var shard = DataParallel.ShardOf(count, rank, size);
        shard.Should().Be((start, length, weight));
    }

    [Fact]
    public void A_rank_without_rows_runs_the_first_with_weight_zero()
    {
        DataParallel.ShardOf(2, 0, 3).Should().Be((0, 1, 0.0), "2 rows over 3 ranks: rank 0 has none");
        DataParallel.ShardOf(2, 2, 3).Should().Be((1, 1, 1.5));
    }
}
