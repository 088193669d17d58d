using DslNas.Artifacts;
using DslNas.Data.Batching;
using DslNas.Distributed;
using DslNas.Nn;
using DslNas.Randomness;

namespace DslNas.Training;

/// <summary>One subnet's validation figures after supernet training.</summary>
public sealed record SubnetScore(string Name, long Parameters, double Loss, double Accuracy);

/// <summary>
/// After training: validation loss and accuracy of the largest, the smallest and random subnets with the shared
/// weights, and Spearman's rank correlation between size and accuracy (a healthy supernet ranks larger subnets higher).
/// Over several ranks the subnets are scored on different ranks and every rank gets all scores.
/// </summary>
public sealed record SupernetHealth(IReadOnlyList<SubnetScore> Subnets, double SizeAccuracyCorrelation)
{
    public static SupernetHealth Check(Supernet net, IReadOnlyList<EncodedExample> validation, Batcher batcher, int randomSubnets = 8, int seed = 17, DistributedWorld? world = null)
    {
        var engine = net.Engine;
        var candidates = Candidates(engine, randomSubnets, seed);
        var scores = DistributedEvaluation.Map(world ?? DistributedWorld.Single, candidates,
            c => Score(net, c.Name, engine.Parameters(c.Genes), engine.Plan(c.Genes), validation, batcher), "gathering the health check's scores");
        return new SupernetHealth(scores, Spearman(scores.Select(s => (double)s.Parameters).ToArray(), scores.Select(s => s.Accuracy).ToArray()));
    }

    /// <summary>The subnets a check scores: the largest, the smallest and <paramref name="randomSubnets"/> drawn with the seed.</summary>
    public static IReadOnlyList<(string Name, Engine.Genes Genes)> Candidates(Engine.SpaceEngine engine, int randomSubnets, int seed)
    {
        var random = SplitMixRandom.FromSeed(seed);
        var candidates = new List<(string Name, Engine.Genes Genes)> { ("largest", engine.Extreme(true)), ("smallest", engine.Extreme(false)) };
        for (var i = 0; i < randomSubnets; i++) candidates.Add(($"random {i + 1}", engine.Sample(random)));
        return candidates;
    }

    private static SubnetScore Score(Supernet net, string name, long parameters, SubnetPlan plan, IReadOnlyList<EncodedExample> examples, Batcher batcher)
    {
        var (accuracy, loss) = SubnetScoring.Score(net, plan, examples, batcher);
        return new SubnetScore(name, parameters, loss, accuracy);
    }

    /// <summary>Spearman's rho with average ranks for ties; 0 when either side is constant.</summary>
    public static double Spearman(double[] x, double[] y)
    {
        double[] Ranks(double[] values)
        {
            var order = values.Select((v, i) => (v, i)).OrderBy(p => p.v).ToArray();
            var ranks = new double[values.Length];
            for (var start = 0; start < order.Length;)
            {
                var end = start;
                while (end + 1 < order.Length && order[end + 1].v == order[start].v) end++;
                for (var k = start; k <= end; k++) ranks[order[k].i] = (start + end) / 2.0 + 1;
                start = end + 1;
            }
            return ranks;
        }
        var rx = Ranks(x);
        var ry = Ranks(y);
        var mx = rx.Average();
        var my = ry.Average();
        var covariance = rx.Zip(ry).Sum(p => (p.First - mx) * (p.Second - my));
        var spread = Math.Sqrt(rx.Sum(v => (v - mx) * (v - mx)) * ry.Sum(v => (v - my) * (v - my)));
        return spread == 0 ? 0 : covariance / spread;
    }

    public void Save(string path) => JsonArtifact.Save(path, this);

    public static SupernetHealth Load(string path) => JsonArtifact.Load<SupernetHealth>(path, "health check", "the supernet has no health check yet; run 'train' first");

    public override string ToString() =>
        string.Join("\n", Subnets.Select(s => $"{s.Name,-10} {s.Parameters,12:N0} params  loss {s.Loss:F4}  accuracy {s.Accuracy:P2}"))
        + $"\nrank correlation of size and accuracy: {SizeAccuracyCorrelation:F3}";
}
