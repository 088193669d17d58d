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
}
