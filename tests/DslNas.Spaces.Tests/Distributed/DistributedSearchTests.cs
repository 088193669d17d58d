using DslNas.Distributed;
using DslNas.Engine;
using DslNas.Search;

namespace DslNas.Spaces.Tests.Distributed;

public sealed class DistributedSearchTests
{
    /// <summary>A deterministic stand-in for supernet accuracy, as in the search tests.</summary>
    private static Metrics Evaluate(Genes genes)
    {
        var engine = FastTransformer.Space.Engine;
        var parameters = engine.Parameters(genes);
        var flops = engine.Flops(genes, 128);
        var accuracy = 1 - Math.Exp(-parameters / 2e6) + (engine.Encode(genes).Sum() % 7) * 1e-3;
        return new Metrics(accuracy, 1 - accuracy, parameters, flops, flops / 1e8);
    }

    private static readonly SearchOptions Options = new(Population: 12, Generations: 5, MutationRate: 0.3, MaxLatencyMs: 6.0, Seed: 3);

    [Fact]
    public void Candidates_split_over_three_ranks_give_the_front_of_one_rank()
    {
        var single = new EvolutionarySearch(FastTransformer.Space.Engine, Options, Evaluate);
        single.Run();

        var ranks = Ranks.Run(3, world =>
        {
            var evaluated = 0;
            var search = new EvolutionarySearch(FastTransformer.Space.Engine, Options, DistributedEvaluation.Split(world, g =>
            {
                evaluated++;
                return Evaluate(g);
            }));
            search.Run();
            return (All: search.All.Select(e => (e.Key, e.Metrics)).ToList(), Front: search.Front.Select(e => (e.Key, e.Metrics)).ToList(), Evaluated: evaluated);
        });
        var expectedFront = single.Front.Select(e => (e.Key, e.Metrics)).ToList();
        expectedFront.Should().NotBeEmpty();
        foreach (var rank in ranks)
        {
            rank.Front.Should().Equal(expectedFront);
            rank.All.Should().Equal(single.All.Select(e => (e.Key, e.Metrics)));
        }
        ranks.Sum(r => r.Evaluated).Should().Be(single.All.Count, "each architecture is evaluated once, on one rank");
        ranks.Should().OnlyContain(r => r.Evaluated >= single.All.Count / 3 - Options.Generations, "each rank takes its share of every generation");
    }
}
