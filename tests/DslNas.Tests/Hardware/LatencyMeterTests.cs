using DslNas.Hardware;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training;

namespace DslNas.Tests.Hardware;

public sealed class LatencyMeterTests
{
    [Fact]
    public void A_measurement_has_its_median_between_its_quartiles_and_names_the_thread_count()
    {
        using var model = new SequenceClassifier(TransformerEncoderConfig.Uniform(20, 16, 32, 1, 2, 64), 2);
        model.eval();
        var measurement = new LatencyMeter(16, batch: 2, warmup: 1, repetitions: 9).MeasureWithSpread(model);
        measurement.MedianMs.Should().BePositive();
        measurement.LowerQuartileMs.Should().BeLessThanOrEqualTo(measurement.MedianMs);
        measurement.UpperQuartileMs.Should().BeGreaterThanOrEqualTo(measurement.MedianMs);
        measurement.RelativeSpread.Should().BeGreaterThanOrEqualTo(0);
        measurement.Threads.Should().Be(torch.get_num_threads());
    }

    [Fact]
    public void Settings_out_of_range_are_refused()
    {
        FluentActions.Invoking(() => new LatencyMeter(0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*length*");
        FluentActions.Invoking(() => new LatencyMeter(8, batch: 0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*batch*");
        FluentActions.Invoking(() => new LatencyMeter(8, repetitions: 0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*repetition*");
    }
}
