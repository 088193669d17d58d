using DslNas.Search.Ose;

namespace DslNas.Tests.Search.Ose;

public sealed class AbncPropertyTests
{
    private static readonly AbncTraining Sgd = new("SGD", 1.0);

    private static AbncShape Shape(string name, double inputParameters, double blockParameters, double outputOperations) =>
        new(name, new PartCost(inputParameters, 0), new PartCost(blockParameters, 1000), new PartCost(10, outputOperations));

    [Fact]
    public void Dominant_blocks_trained_by_clipped_sgd_meet_the_weak_form_and_never_the_strong_one()
    {
        var conditions = AbncProperty.Check([Shape("a", 100, 500, 10), Shape("b", 200, 900, 999)], Sgd);
        conditions.Select(c => (c.Number, c.Holds)).Should().Equal((1, true), (2, true), (3, true), (4, false));
        conditions[3].Detail.Should().Contain("not convex");
    }

    [Fact]
    public void Each_failing_condition_is_named_with_what_failed()
    {
        var conditions = AbncProperty.Check([Shape("small", 100, 500, 10), Shape("wide-embeddings", 800, 500, 10), Shape("costly-head", 100, 500, 5000)],
            new AbncTraining("AdamW", null));
        conditions[0].Holds.Should().BeFalse();
        conditions[0].Detail.Should().Be("fails on 2 of 3 candidates, e.g. wide-embeddings: a block has 500 parameters, the input function 800");
        conditions[1].Holds.Should().BeFalse();
        conditions[1].Detail.Should().Contain("not clipped");
        conditions[2].Holds.Should().BeFalse();
        conditions[2].Detail.Should().Be("candidates train with AdamW, not SGD");
    }
}
