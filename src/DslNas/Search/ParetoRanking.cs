namespace DslNas.Search;

/// <summary>
/// NSGA-II's ranking with Deb's constrained domination: a feasible architecture dominates an infeasible one, the
/// smaller violation wins among infeasible ones, and among feasible ones Pareto dominance on (higher accuracy, lower
/// cost) decides. Fronts are found by fast non-dominated sorting; crowding distance spreads each front.
/// </summary>
internal static class ParetoRanking
{
    public static bool Dominates(Evaluated a, Evaluated b, SearchOptions options)
    {
        var (va, vb) = (options.Violation(a.Metrics), options.Violation(b.Metrics));
        if (va == 0 && vb > 0) return true;
        if (va > 0) return vb > 0 && va < vb;
        if (vb > 0) return false;
        double ca = options.Cost.Of(a.Metrics), cb = options.Cost.Of(b.Metrics);
        return a.Metrics.Accuracy >= b.Metrics.Accuracy && ca <= cb && (a.Metrics.Accuracy > b.Metrics.Accuracy || ca < cb);
    }

    /// <summary>Fronts of indices into <paramref name="items"/>, best first.</summary>
    public static List<List<int>> Fronts(IReadOnlyList<Evaluated> items, SearchOptions options)
    {
        var dominated = Enumerable.Range(0, items.Count).Select(_ => new List<int>()).ToArray();
        var counts = new int[items.Count];
        var fronts = new List<List<int>> { new() };
        for (var p = 0; p < items.Count; p++)
        {
            for (var q = 0; q < items.Count; q++)
            {
                if (p == q) continue;
                if (Dominates(items[p], items[q], options)) dominated[p].Add(q);
                else if (Dominates(items[q], items[p], options)) counts[p]++;
            }
            if (counts[p] == 0) fronts[0].Add(p);
        }
        while (fronts[^1].Count > 0)
        {
            var next = new List<int>();
            foreach (var p in fronts[^1])
            foreach (var q in dominated[p])
                if (--counts[q] == 0) next.Add(q);
            fronts.Add(next);
        }
        fronts.RemoveAt(fronts.Count - 1);
        return fronts;
    }

    /// <summary>
    /// Crowding distance of each member of a front (infinite at the extremes of each objective). A front is either all
    /// within the budgets or all over them with one violation; one over them is spread by cost alone, since the accuracy
    /// of an architecture over the budgets is not scored (<see cref="SupernetEvaluator"/>).
    /// </summary>
    public static Dictionary<int, double> Crowding(IReadOnlyList<Evaluated> items, List<int> front, SearchOptions options)
    {
        var distance = front.ToDictionary(i => i, _ => 0.0);
        Func<Evaluated, double> cost = e => options.Cost.Of(e.Metrics);
        Func<Evaluated, double>[] objectives = front.All(i => options.Violation(items[i].Metrics) == 0) ? [e => e.Metrics.Accuracy, cost] : [cost];
        foreach (var objective in objectives)
        {
            var sorted = front.OrderBy(i => objective(items[i])).ThenBy(i => i).ToList();
            var range = objective(items[sorted[^1]]) - objective(items[sorted[0]]);
            distance[sorted[0]] = distance[sorted[^1]] = double.PositiveInfinity;
            if (range == 0) continue;
            for (var k = 1; k < sorted.Count - 1; k++)
                distance[sorted[k]] += (objective(items[sorted[k + 1]]) - objective(items[sorted[k - 1]])) / range;
        }
        return distance;
    }

    /// <summary>The feasible, non-dominated architectures among all evaluated ones, by cost.</summary>
    public static List<Evaluated> Front(IReadOnlyList<Evaluated> all, SearchOptions options)
    {
        var feasible = all.Where(e => options.Violation(e.Metrics) == 0).ToList();
        if (feasible.Count == 0) return [];
        return Fronts(feasible, options)[0].Select(i => feasible[i]).OrderBy(e => options.Cost.Of(e.Metrics)).ToList();
    }
}
