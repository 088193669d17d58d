using DslNas.Engine;
using DslNas.Hardware;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Torch;

namespace DslNas.Spaces.Tests.Hardware;

/// <summary>
/// Measuring builds models with random weights and inputs; it leaves libtorch's default generator where it found it,
/// so a seeded run that measures its lookup table trains as one that found the table cached.
/// </summary>
[Collection(nameof(ProcessGlobalCollection))]
public sealed class LatencyTableRandomStreamTests
{
    private readonly LatencyMeter meter = new(8, batch: 1, warmup: 0, repetitions: 1);

    [Fact]
    public void Building_a_table_and_timing_a_plan_part_by_part_leave_the_random_stream_as_they_found_it()
    {
        var space = SpaceCatalog.Get("tiny-blocks");
        torch.manual_seed(11);
        var before = torch.get_rng_state();
        LatencyTableBuilder.Build(space, meter, new QuietRunEvents(), fitArchitectures: 2);
        MeasuredTimeline.Of(space.Engine.Plan(space.Engine.Extreme(largest: true)), meter);
        torch.get_rng_state().Should().Equal(before);
    }
}
