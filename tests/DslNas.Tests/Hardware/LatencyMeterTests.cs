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

    [Fact]
    public void Passes_are_measured_interleaved_after_warm_up_rounds_and_without_gradients()
    {
        var calls = new List<char>();
        var gradients = new List<bool>();
        var meter = new LatencyMeter(8, warmup: 2, repetitions: 3);
        var measurements = meter.MeasureInterleaved([() => { calls.Add('a'); gradients.Add(torch.is_grad_enabled()); }, () => calls.Add('b')]);
        measurements.Should().HaveCount(2);
        new string(calls.ToArray()).Should().Be("ababababab");
        gradients.Should().AllBeEquivalentTo(false);
        meter.Settings.Should().Be(new LatencyMeterSettings(8, 1, 2, 3, torch.get_num_threads()));
    }
}
