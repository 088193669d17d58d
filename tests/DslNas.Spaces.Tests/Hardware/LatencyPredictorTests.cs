using DslNas.Hardware;
using DslNas.Runs;

namespace DslNas.Spaces.Tests.Hardware;

/// <summary>A real (tiny) predictor: tiny-blocks at 8 tokens, each architecture timed once.</summary>
public sealed class LatencyPredictorTests : IDisposable
{
    private readonly string cache = Directory.CreateTempSubdirectory("dslnas-predictor-").FullName;
    private readonly LatencyMeter meter = new(8, batch: 1, warmup: 0, repetitions: 1);
    private readonly SearchSpaceDescriptor space = SpaceCatalog.Get("tiny-blocks");
    private readonly List<string> log = [];

    public void Dispose() => Directory.Delete(cache, recursive: true);

    [Fact]
    public void A_fitted_predictor_reports_its_error_on_the_held_out_quarter_and_is_reused_from_the_cache()
    {
        var (predictor, table) = LatencyPredictor.Get(space, meter, new QuietRunEvents(log.Add), cache);
        predictor.Fitted.Should().Be(48);
        predictor.HeldOut.Count.Should().Be(16);
        log.Should().Contain(l => l.Contains("fitted on 48 measured architectures") && l.Contains("on 16 held-out architectures"));
        var genes = space.Engine.Sample(new Random(4));
        predictor.Predict(space, genes, table).Should().Be(predictor.Model.Predict(LatencyFeatures.Of(space.Engine, genes, table)));
        log.Clear();
        var (again, _) = LatencyPredictor.Get(space, meter, new QuietRunEvents(log.Add), cache);
        again.Should().BeEquivalentTo(predictor);
        log.Should().Contain(l => l.StartsWith("latency predictor of 'tiny-blocks'") && l.Contains("held-out"));
    }

    [Fact]
    public void A_predictor_refuses_a_space_it_was_not_fitted_on()
    {
        var (predictor, table) = LatencyPredictor.Get(space, meter, new QuietRunEvents(log.Add), cache);
        var other = SpaceCatalog.Get("tiny-lengths");
        FluentActions.Invoking(() => predictor.Predict(other, other.Engine.Sample(new Random(1)), table)).Should().Throw<InvalidOperationException>()
            .WithMessage("*fitted on the space 'tiny-blocks', not 'tiny-lengths'*");
    }
}
