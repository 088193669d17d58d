namespace DslNas.Hardware;

/// <summary>
/// How the latency predictor fits its model: ridge regression weighted by 1/y², so that it minimises the squared
/// relative error that its error is reported in, on the first k features of <see cref="LatencyFeatures"/> (the table's
/// sum first), k chosen by <see cref="Folds"/>-fold cross-validation on the fitted rows alone: the k of the least median
/// relative error on rows left out of the fit, the fewest features on a tie. Six correlated features fitted on a few
/// dozen noisy measurements can overfit them; the cross-validation keeps only the features that help on architectures
/// the model did not see.
/// </summary>
public static class LatencyModelFit
{
    public const int Folds = 5;
    public const string Description = "least squares of the relative error on the first features of the table sum, GFLOPs, M parameters, computing layers, attention layers and transfers, as many as 5-fold cross-validation on the fitted architectures chooses";

    public static RidgeRegression Fit(IReadOnlyList<double[]> features, IReadOnlyList<double> measured)
    {
        if (features.Count < 2 || features.Count != measured.Count) throw new ArgumentException($"a fit needs at least two measured rows and one feature row for each, got {features.Count} and {measured.Count}");
        if (measured.Any(m => !(m > 0))) throw new ArgumentException("measured latencies must be positive");
        var count = features[0].Length;
        var best = Enumerable.Range(1, count).Select(k => (Features: k, Error: CrossValidated(features, measured, k))).MinBy(c => (c.Error, c.Features));
        return Weighted(features, measured, best.Features);
    }

    /// <summary>The median relative error of models on the first <paramref name="k"/> features, each row predicted by the model fitted without its fold.</summary>
    public static double CrossValidated(IReadOnlyList<double[]> features, IReadOnlyList<double> measured, int k)
    {
        var folds = Math.Min(Folds, features.Count);
        var errors = new List<double>(features.Count);
        for (var fold = 0; fold < folds; fold++)
        {
            var train = Enumerable.Range(0, features.Count).Where(i => i % folds != fold).ToList();
            var model = Weighted(train.Select(i => features[i]).ToList(), train.Select(i => measured[i]).ToList(), k);
            for (var i = fold; i < features.Count; i += folds) errors.Add(Math.Abs(model.Predict(features[i]) - measured[i]) / measured[i]);
        }
        errors.Sort();
        return errors[errors.Count / 2];
    }

    private static RidgeRegression Weighted(IReadOnlyList<double[]> features, IReadOnlyList<double> measured, int k) =>
        RidgeRegression.Fit(features.Select(f => f[..k]).ToList(), measured, weights: measured.Select(m => 1 / (m * m)).ToList());
}
