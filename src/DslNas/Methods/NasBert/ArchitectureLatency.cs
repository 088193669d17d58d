using DslNas.Hardware;
using DslNas.Nn;

namespace DslNas.Methods.NasBert;

/// <summary>The latency of a whole architecture, wherever it comes from: the seam where a per-op lookup table replaces measuring.</summary>
public interface IArchitectureLatency
{
    /// <summary>Where the figures come from, for logs and reports.</summary>
    string Source { get; }

    double Milliseconds(SubnetPlan plan);
}

/// <summary>Latency measured with the run's meter on a freshly built dense model of the architecture.</summary>
public sealed class MeasuredArchitectureLatency(LatencyMeter meter, SupernetOptions options) : IArchitectureLatency
{
    public string Source => $"measured with the latency meter (batch {meter.Batch}, {meter.SequenceLength} tokens, median of {meter.Repetitions} after {meter.Warmup} warm-up passes)";

    public double Milliseconds(SubnetPlan plan)
    {
        using var model = ExtractedSubnet.Create(plan, options);
        model.eval();
        return meter.Measure(model);
    }
}
