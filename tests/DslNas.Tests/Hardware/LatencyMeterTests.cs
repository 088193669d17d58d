using DslNas.Hardware;
using DslNas.Nn;
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
    public void Passes_are_measured_interleaved_after_warm_up_rounds_without_gradients_and_in_float32()
    {
        var calls = new List<char>();
        var gradients = new List<bool>();
        var precisions = new List<MatmulPrecision>();
        var meter = new LatencyMeter(8, warmup: 2, repetitions: 3);
        IReadOnlyList<LatencyMeasurement> measurements;
        using (torch.matmul_precision(MatmulPrecision.BFloat16))
        {
            measurements = meter.MeasureInterleaved([() =>
            {
                calls.Add('a');
                gradients.Add(torch.is_grad_enabled());
                precisions.Add(torch.get_matmul_precision());
            }, () => calls.Add('b')]);
            torch.get_matmul_precision().Should().Be(MatmulPrecision.BFloat16, "the caller's precision is restored");
        }
        measurements.Should().HaveCount(2);
        new string(calls.ToArray()).Should().Be("ababababab");
        gradients.Should().AllBeEquivalentTo(false);
        precisions.Should().AllBeEquivalentTo(MatmulPrecision.Float32, "models are deployed with float32 products");
        meter.Settings.Should().Be(new LatencyMeterSettings(8, 1, 2, 3, torch.get_num_threads()));
    }

    [Fact]
    public void A_reference_timed_beside_the_model_cancels_a_change_of_the_machines_speed()
    {
        // Passes take the time the test gives them on a clock of its own: the model 3 units, the reference 1, both
        // times the machine's speed, which halves between two measurements.
        var now = 0.0;
        var speed = 1.0;
        var reference = new LatencyReference(8, 1, calibratedMs: 2, () => now += 1 * speed);
        var corrected = new LatencyMeter(8, warmup: 1, repetitions: 9, reference: reference) { Clock = () => now };
        var plain = new LatencyMeter(8, warmup: 1, repetitions: 9) { Clock = () => now };
        Action model = () => now += 3 * speed;

        var before = (Corrected: corrected.MeasureInterleaved([model])[0].MedianMs, Plain: plain.MeasureInterleaved([model])[0].MedianMs);
        speed = 2;
        var after = (Corrected: corrected.MeasureInterleaved([model])[0].MedianMs, Plain: plain.MeasureInterleaved([model])[0].MedianMs);

        before.Corrected.Should().Be(6, "the model takes 3 times the reference, calibrated at 2 ms");
        var spread = corrected.MeasureWithSpread(new TimedPass(() => now += 3 * speed));
        (spread.LowerQuartileMs, spread.MedianMs, spread.UpperQuartileMs, spread.Threads).Should().Be((6.0, 6.0, 6.0, torch.get_num_threads()), "the quartiles are scaled as the median");
        after.Corrected.Should().Be(6, "the slowdown fell on the reference too");
        (before.Plain, after.Plain).Should().Be((3.0, 6.0), "without the reference the slowdown is measured");
        corrected.Settings.ReferenceMs.Should().Be(2);
        corrected.Settings.ToString().Should().Contain("corrected by a reference of 2.000 ms");
        plain.Settings.ReferenceMs.Should().BeNull();
    }

    [Fact]
    public void A_budget_set_as_a_fraction_takes_the_median_of_three_measurements_of_the_largest_architecture()
    {
        // The largest architecture's passes take 25 units in the first measurement (a slow spell), 12 in the second and
        // 10 in the third: the median differs from the first, the last, the lowest, the highest and the mean.
        var now = 0.0;
        var measurements = 0;
        var passes = 0;
        double[] spells = [25, 12, 10];
        var meter = new LatencyMeter(8, warmup: 1, repetitions: 4) { Clock = () => now };
        var largest = new TimedPass(() =>
        {
            now += spells[measurements];
            if (++passes % 5 == 0) measurements++;
        });
        LatencyBudget.OfLargest(largest, meter, 0.5).Should().Be(6, "0.5 of the median of 25, 12 and 10");
        measurements.Should().Be(LatencyBudget.LargestWindows);
    }

    [Fact]
    public void A_reference_calibrated_for_other_settings_is_refused()
    {
        var reference = new LatencyReference(8, 1, calibratedMs: 2, () => { });
        FluentActions.Invoking(() => new LatencyMeter(16, reference: reference)).Should().Throw<ArgumentException>().WithMessage("*batch 1 x 8 tokens, not 1 x 16*");
        FluentActions.Invoking(() => new LatencyMeter(8, batch: 2, reference: reference)).Should().Throw<ArgumentException>().WithMessage("*not 2 x 8*");
        FluentActions.Invoking(() => new LatencyReference(8, 1, calibratedMs: 0, () => { })).Should().Throw<ArgumentOutOfRangeException>();
    }

    /// <summary>A "model" whose forward pass is the given action.</summary>
    private sealed class TimedPass(Action pass) : ISequenceClassifier
    {
        public Tensor Classify(Tensor ids, Tensor? keepMask)
        {
            pass();
            return ids;
        }
    }
}
