using System.Globalization;
using DslNas;
using DslNas.Data.Batching;
using DslNas.Methods.OneShot;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Training;

namespace CustomSpace;

/// <summary>
/// A method of one's own: train the supernet exactly as the one-shot method does, then, instead of NSGA-II, score
/// --population random architectures plus the largest and the smallest with the shared weights, and pick the most
/// accurate one whose parameters are at most the candidates' median. The pick lands in the search record's pick.json.
/// </summary>
[NasMethod("random-pick", Summary = "train the supernet as one-shot does, then pick the best of random architectures within the median size")]
public sealed class RandomPickMethod : INasMethod
{
    public IReadOnlyList<MethodStage> Stages { get; } =
    [
        DataStage.Stage,
        OneShotStages.Train,
        new("pick", "score random architectures with the shared weights and pick the best within the median size", StageScope.Search, Pick),
    ];

    public string? Rejects(SearchSpaceDescriptor space) => null;

    private static void Pick(RunContext context)
    {
        var engine = context.Space.Engine;
        var supernet = RunSupernet.Load(context);
        var random = new Random(context.Options.Seed);
        var candidates = Enumerable.Range(1, context.Options.Search.Population).Select(i => ($"random {i}", engine.Sample(random)))
            .Append(("largest", engine.Extreme(largest: true)))
            .Append(("smallest", engine.Extreme(largest: false)))
            .Select(c =>
            {
                var (accuracy, _) = SubnetScoring.Score(supernet, engine.Plan(c.Item2), context.Data.Validation, new Batcher(64, 0));
                return (Name: c.Item1, Genes: c.Item2, Parameters: engine.Parameters(c.Item2), Accuracy: accuracy);
            })
            .ToList();
        var budget = candidates.Select(c => c.Parameters).Order().ElementAt(candidates.Count / 2);
        var best = candidates.Where(c => c.Parameters <= budget).MaxBy(c => c.Accuracy);
        context.Events.Table(new ResultTable($"candidates (parameter budget {budget:N0})", ["candidate", "parameters", "validation accuracy"],
            candidates.Select(c => (IReadOnlyList<string>)[c.Name, c.Parameters.ToString("N0", CultureInfo.InvariantCulture), c.Accuracy.ToString("P2", CultureInfo.InvariantCulture)]).ToList()));
        var json = ArchitectureJson.Write(context.Space.Name, engine, engine.ToValues(best.Genes));
        File.WriteAllText(Path.Combine(context.Search.Path, "pick.json"), json);
        context.Log($"picked {best.Name}: {json} ({best.Accuracy:P2} validation accuracy, {best.Parameters:N0} parameters)");
    }
}
