using System.Globalization;

namespace DslNas.Search.Ose;

/// <summary>
/// Optimal subarchitecture extraction over a finite grid. p and i are known in closed form for every candidate; the
/// error e(ξ) is the expensive part (a short training run), so only the candidates the algorithm asks for are trained.
/// <para>
/// <see cref="Select"/> (the FPTAS): with a lower bound e₀ on every candidate's error (the maximum point's, which a
/// subarchitecture trained briefly from it is not expected to beat), W(p, i, e₀) bounds each candidate's W from above.
/// Candidates train in decreasing order of that bound, and the search stops as soon as the best W found is at least
/// (1 − ε) times the bound of every candidate left: the pick is then within ρ ≤ |1 − ε| of the grid's maximal W.
/// A trained error below e₀ breaks the bound; it is reported as a warning, since the guarantee no longer holds.
/// </para>
/// <see cref="Exhaustive"/> trains every candidate and returns the maximiser, to compare against.
/// </summary>
public static class OseFptas
{
    public static OseSelection Select(IReadOnlyList<(double Parameters, double Inference)> candidates, OsePoint maximum, double errorLowerBound,
        double epsilon, IWCoefficient w, Func<int, double> error)
    {
        if (!(epsilon > 0 && epsilon < 1)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must lie in (0, 1)");
        if (!(errorLowerBound > 0)) throw new ArgumentOutOfRangeException(nameof(errorLowerBound), errorLowerBound, "the error lower bound must be positive");
        if (candidates.Count == 0) throw new ArgumentException("there are no candidates to select from", nameof(candidates));
        var bounds = candidates.Select(c => w.Score(new OsePoint(c.Parameters, c.Inference, errorLowerBound), maximum)).ToArray();
        var order = Enumerable.Range(0, candidates.Count).OrderByDescending(i => bounds[i]).ThenBy(i => i).ToArray();
        var steps = new List<FptasStep>();
        var warnings = new List<string>();
        var (chosen, best) = (-1, double.NegativeInfinity);
        string? stop = null;
        foreach (var candidate in order)
        {
            if (best >= (1 - epsilon) * bounds[candidate])
            {
                stop = Invariant($"stopped after {steps.Count} of {candidates.Count}: the best W {best:G6} is at least (1 - {epsilon}) x {bounds[candidate]:G6}, the largest bound of the {candidates.Count - steps.Count} candidates left");
                break;
            }
            var e = error(candidate);
            if (e < errorLowerBound)
                warnings.Add(Invariant($"candidate {candidate} reached error {e:G6}, below the lower bound {errorLowerBound:G6} the FPTAS relies on: its W exceeds its bound, so the (1 - epsilon) guarantee does not hold for this run"));
            var value = w.Score(new OsePoint(candidates[candidate].Parameters, candidates[candidate].Inference, e), maximum);
            if (value > best) (chosen, best) = (candidate, value);
            steps.Add(new FptasStep(steps.Count + 1, candidate, bounds[candidate], e, value, best));
        }
        return new OseSelection(chosen, best, steps, stop ?? $"trained all {candidates.Count} candidates: no bound let the search stop earlier", warnings);
    }

    /// <summary>Trains every candidate (in grid order) and returns the maximiser of W.</summary>
    public static OseSelection Exhaustive(IReadOnlyList<(double Parameters, double Inference)> candidates, OsePoint maximum, IWCoefficient w, Func<int, double> error)
    {
        if (candidates.Count == 0) throw new ArgumentException("there are no candidates to select from", nameof(candidates));
        var steps = new List<FptasStep>();
        var (chosen, best) = (-1, double.NegativeInfinity);
        for (var i = 0; i < candidates.Count; i++)
        {
            var e = error(i);
            var value = w.Score(new OsePoint(candidates[i].Parameters, candidates[i].Inference, e), maximum);
            if (value > best) (chosen, best) = (i, value);
            steps.Add(new FptasStep(i + 1, i, null, e, value, best));
        }
        return new OseSelection(chosen, best, steps, $"trained all {candidates.Count} candidates (exhaustive)", []);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
