using System.Globalization;
using DslNas.Hardware;
using DslNas.Nn;

namespace DslNas.Methods.NasBert;

/// <summary>The latency of a whole architecture, wherever it comes from: the lookup table, or the meter on a built model.</summary>
public interface IArchitectureLatency
{
    /// <summary>Where the figures come from, for logs and reports.</summary>
    string Source { get; }

    double Milliseconds(SubnetPlan plan);
}

/// <summary>Latency from the per-op lookup table: the sum of the plan's parts plus the table's fitted constant.</summary>
public sealed class TableArchitectureLatency(LatencyTable table) : IArchitectureLatency
{
    public string Source => string.Create(CultureInfo.InvariantCulture,
        $"the per-op lookup table ({table.Entries.Count} parts measured on {table.Machine.Host} at {table.Settings}, constant {table.ConstantMs:F3} ms)");

    public double Milliseconds(SubnetPlan plan) => table.Estimate(plan);

    /// <summary>The latency of a block's own layers: the sum of their parts (no embeddings, no constant), NAS-BERT's l(a) of a path.</summary>
    public double BlockMilliseconds(SubnetPlan block) =>
        LatencyParts.Of(block, table.Settings.SequenceLength).Where(p => p.Kind != LatencyPartKind.Embedding).Sum(table.PartMs);
}

/// <summary>Latency measured with the run's meter on a freshly built dense model of the architecture.</summary>
public sealed class MeasuredArchitectureLatency(LatencyMeter meter, SupernetOptions options) : IArchitectureLatency
{
    public string Source => $"measured with the latency meter ({meter.Settings})";

    public double Milliseconds(SubnetPlan plan)
    {
        using var model = ExtractedSubnet.Create(plan, options);
        model.eval();
        return meter.Measure(model);
    }
}
