using DslNas.Hardware;

namespace DslNas.Tests.Hardware;

public sealed class LatencyPredictorMathTests
{
    private static double Line(double[] x) => 2 + 3 * x[0] - x[1];

    private static readonly double[][] Rows = [[0, 1], [1, 0], [2, 5], [3, 1], [4, 4], [5, 2], [6, 7], [7, 3]];

    [Fact]
    public void Ridge_regression_with_a_small_penalty_recovers_a_linear_function()
    {
        var model = RidgeRegression.Fit(Rows, Rows.Select(Line).ToList(), lambda: 1e-9);
        foreach (var x in new double[][] { [10, -3], [0.5, 0.5], [3, 1] }) model.Predict(x).Should().BeApproximately(Line(x), 1e-6);
    }

    [Fact]
    public void The_held_out_error_is_computed_on_rows_the_model_was_not_fitted_on()
    {
        var measured = Rows.Select(Line).ToList();
        measured[6] *= 1.5;
        measured[7] *= 0.8;
        var (model, error) = LatencyPredictor.FitHoldingOut(Rows, measured, heldOut: 2);
        model.Predict(Rows[0]).Should().BeApproximately(measured[0], 0.02, "the first six rows lie on the line and are all it saw (the ridge penalty shrinks a little)");
        error.Count.Should().Be(2);
        var expected = new[] { Math.Abs(Line(Rows[6]) - measured[6]) / measured[6], Math.Abs(Line(Rows[7]) - measured[7]) / measured[7] }.Order().ToArray();
        error.MedianAbsolute.Should().BeApproximately(expected[1], 0.01);
        error.Percentile95Absolute.Should().BeApproximately(expected[1], 0.01);
        error.ShareWithin10Percent.Should().Be(0);
    }

    [Fact]
    public void Prediction_errors_summarize_median_95th_percentile_and_the_share_within_ten_percent()
    {
        var measured = Enumerable.Repeat(10.0, 20).ToList();
        var estimated = Enumerable.Range(0, 20).Select(i => 10.0 + i * 0.1).ToList();
        var error = PredictionError.Of(estimated, measured);
        error.MedianAbsolute.Should().BeApproximately(0.10, 1e-12);
        error.Percentile95Absolute.Should().BeApproximately(0.18, 1e-12);
        error.ShareWithin10Percent.Should().BeApproximately(11 / 20.0, 1e-12);
    }

    [Fact]
    public void Weighted_by_one_over_y_squared_the_fit_trades_absolute_for_relative_error()
    {
        double[][] rows = [[1], [2], [3], [4], [100]];
        double[] measured = [1.2, 1.9, 3.3, 3.8, 60];
        var plain = RidgeRegression.Fit(rows, measured, lambda: 1e-9);
        var relative = RidgeRegression.Fit(rows, measured, lambda: 1e-9, weights: measured.Select(m => 1 / (m * m)).ToList());
        double RelativeSquared(RidgeRegression model) => rows.Select((r, i) => Math.Pow((model.Predict(r) - measured[i]) / measured[i], 2)).Sum();
        double AbsoluteSquared(RidgeRegression model) => rows.Select((r, i) => Math.Pow(model.Predict(r) - measured[i], 2)).Sum();
        RelativeSquared(relative).Should().BeLessThan(RelativeSquared(plain) / 2);
        AbsoluteSquared(plain).Should().BeLessThan(AbsoluteSquared(relative));
        FluentActions.Invoking(() => RidgeRegression.Fit(rows, measured, weights: [1, 1, 0, 1, 1])).Should().Throw<ArgumentException>().WithMessage("*positive weight*");
    }

    [Fact]
    public void Cross_validation_keeps_the_table_sum_alone_when_the_other_features_are_noise()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 40).Select(i => new[] { 1.0 + i % 13, random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToList();
        var measured = rows.Select(r => 0.5 + 1.1 * r[0]).ToList();
        var model = LatencyModelFit.Fit(rows, measured);
        model.Weights.Should().HaveCount(1);
        model.Predict(rows[7]).Should().BeApproximately(measured[7], 0.01 * measured[7], "the ridge penalty shrinks a little");
    }

    [Fact]
    public void Cross_validation_adds_a_feature_the_latency_depends_on()
    {
        var rows = Enumerable.Range(0, 40).Select(i => new[] { 1.0 + i % 13, i % 5, 0.25 * (i % 3) }).ToList();
        var measured = rows.Select(r => 0.5 + 1.1 * r[0] + 2 * r[1]).ToList();
        var model = LatencyModelFit.Fit(rows, measured);
        model.Weights.Should().HaveCount(2);
        LatencyModelFit.CrossValidated(rows, measured, 2).Should().BeLessThan(1e-3);
        LatencyModelFit.CrossValidated(rows, measured, 1).Should().BeGreaterThan(0.05);
        FluentActions.Invoking(() => LatencyModelFit.Fit(rows, measured.Select(m => m - 100).ToList())).Should().Throw<ArgumentException>().WithMessage("*positive*");
    }
}
