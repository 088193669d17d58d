using DslNas.Nn;
using DslNas.Torch;

namespace DslNas.Hardware;

/// <summary>One part of a forward pass as measured on this machine, placed on a timeline.</summary>
public sealed record MeasuredPart(LatencyPart Part, double StartUs, double DurationUs, LatencyMeasurement Measurement);

/// <summary>
/// A forward pass measured part by part on this machine: each part of the plan run on its own through the dense model's
/// code path, all interleaved with the meter, and laid end to end in the order they run.
/// </summary>
public static class MeasuredTimeline
{
    private const int Vocabulary = 4000;

    public static IReadOnlyList<MeasuredPart> Of(SubnetPlan plan, LatencyMeter meter)
    {
        var parts = LatencyParts.Of(plan, meter.SequenceLength);
        using var generator = new RngStateScope();
        using var scope = torch.NewDisposeScope();
        var passes = parts.Select(p => new PartPass(p, meter.Batch, Vocabulary)).ToList();
        try
        {
            var measured = meter.MeasureInterleaved(passes.Select(p => (Action)p.Run).ToList());
            var clock = 0.0;
            var timeline = new List<MeasuredPart>(parts.Count);
            for (var i = 0; i < parts.Count; i++)
            {
                var duration = measured[i].MedianMs * 1000;
                timeline.Add(new MeasuredPart(parts[i], clock, duration, measured[i]));
                clock += duration;
            }
            return timeline;
        }
        finally
        {
            foreach (var pass in passes) pass.Dispose();
        }
    }
}
