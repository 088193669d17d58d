namespace DslNas.Hardware;

/// <summary>
/// Linear least squares with a small ridge penalty on standardized features (the intercept is not penalized), solved
/// in closed form: w = (XᵀΩX + λ(Σω)I)⁻¹ XᵀΩy by Gaussian elimination with partial pivoting. The sample weights ω
/// (all 1 unless given) weigh each row's squared error: 1/y² makes it the squared relative error.
/// A model predicts from the first <see cref="Weights"/>.Length features of the rows it is given.
/// </summary>
public sealed record RidgeRegression(double[] Means, double[] Scales, double[] Weights, double Intercept)
{
    public double Predict(IReadOnlyList<double> features)
    {
        var y = Intercept;
        for (var j = 0; j < Weights.Length; j++) y += Weights[j] * (features[j] - Means[j]) / Scales[j];
        return y;
    }

    public static RidgeRegression Fit(IReadOnlyList<double[]> features, IReadOnlyList<double> targets, double lambda = 1e-3, IReadOnlyList<double>? weights = null)
    {
        if (features.Count == 0 || features.Count != targets.Count) throw new ArgumentException($"a fit needs as many targets as feature rows, got {features.Count} and {targets.Count}");
        if (weights is not null && (weights.Count != features.Count || weights.Any(w => !(w > 0))))
            throw new ArgumentException($"a fit needs one positive weight per row, got {weights.Count} for {features.Count} rows");
        var n = features.Count;
        var p = features[0].Length;
        var omega = weights ?? Enumerable.Repeat(1.0, n).ToArray();
        var total = omega.Sum();
        double Mean(Func<int, double> value) => Enumerable.Range(0, n).Sum(i => omega[i] * value(i)) / total;
        var means = Enumerable.Range(0, p).Select(j => Mean(i => features[i][j])).ToArray();
        var scales = Enumerable.Range(0, p).Select(j =>
        {
            var sd = Math.Sqrt(Mean(i => (features[i][j] - means[j]) * (features[i][j] - means[j])));
            return sd > 1e-12 ? sd : 1;
        }).ToArray();
        var intercept = Mean(i => targets[i]);
        var a = new double[p, p + 1];
        for (var i = 0; i < n; i++)
        {
            var z = new double[p];
            for (var j = 0; j < p; j++) z[j] = (features[i][j] - means[j]) / scales[j];
            for (var j = 0; j < p; j++)
            {
                for (var k = 0; k < p; k++) a[j, k] += omega[i] * z[j] * z[k];
                a[j, p] += omega[i] * z[j] * (targets[i] - intercept);
            }
        }
        for (var j = 0; j < p; j++) a[j, j] += lambda * total;
        return new RidgeRegression(means, scales, Solve(a, p), intercept);
    }

    private static double[] Solve(double[,] a, int p)
    {
        for (var column = 0; column < p; column++)
        {
            var pivot = Enumerable.Range(column, p - column).MaxBy(r => Math.Abs(a[r, column]));
            for (var k = 0; k <= p; k++) (a[column, k], a[pivot, k]) = (a[pivot, k], a[column, k]);
            for (var row = 0; row < p; row++)
            {
                if (row == column || a[column, column] == 0) continue;
                var factor = a[row, column] / a[column, column];
                for (var k = column; k <= p; k++) a[row, k] -= factor * a[column, k];
            }
        }
        return Enumerable.Range(0, p).Select(j => a[j, j] == 0 ? 0 : a[j, p] / a[j, j]).ToArray();
    }
}
