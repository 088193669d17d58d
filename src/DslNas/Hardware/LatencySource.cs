using DslNas.Engine;
using DslNas.Hardware.Simulation;
using DslNas.Nn;

namespace DslNas.Hardware;

/// <summary>
/// Where a search gets an architecture's latency: measured (the subnet extracted and timed with the meter), estimated
/// from the space's lookup table or its latency predictor, or simulated on a device by the roofline model. Parsed from
/// <c>--latency</c>: "measured", "table", "predictor" or "device:NAME".
/// </summary>
public abstract class LatencySource
{
    public const string MeasuredName = "measured";
    public const string TableName = "table";
    public const string PredictorName = "predictor";
    public const string DevicePrefix = "device:";

    public static IReadOnlyList<string> Names { get; } = [MeasuredName, TableName, PredictorName];

    /// <summary>What the figures are, for logs and reports.</summary>
    public abstract string Description { get; }

    /// <summary>Whether every figure is a measurement (then the front needs no measuring afterwards).</summary>
    public abstract bool Measures { get; }

    /// <summary>The latency of the architecture <paramref name="genes"/> of the supernet's space in milliseconds.</summary>
    public abstract double LatencyMs(Supernet supernet, Genes genes);

    /// <summary>Whether the figures are this machine's (measured or estimated from its measurements), not a simulated device's.</summary>
    public virtual bool OnThisMachine => true;

    /// <summary>The device a "device:NAME" source names; null for the sources of this machine.</summary>
    public static string? DeviceOf(string name) => name.StartsWith(DevicePrefix, StringComparison.Ordinal) ? name[DevicePrefix.Length..] : null;

    /// <summary>Refuses a name that is not a source (or names an unknown device), listing those that are.</summary>
    public static string Validate(string name)
    {
        if (DeviceOf(name) is { } device)
            return DeviceCatalog.Names.Contains(device) ? name : throw new ArgumentException($"--latency names the unknown device '{device}'; the devices: {string.Join(", ", DeviceCatalog.Names)}");
        return Names.Contains(name) ? name : throw new ArgumentException($"--latency must be one of {string.Join(", ", Names)} or {DevicePrefix}NAME; got '{name}'");
    }

    /// <summary>The subnet extracted with its shared weights and timed with the meter.</summary>
    public sealed class Meter(LatencyMeter meter) : LatencySource
    {
        public override string Description => $"measured ({meter.Settings})";
        public override bool Measures => true;

        public override double LatencyMs(Supernet supernet, Genes genes)
        {
            using var extracted = supernet.Extract(supernet.Engine.Plan(genes));
            extracted.eval();
            return meter.Measure(extracted);
        }
    }

    /// <summary>The sum of the plan's parts in a lookup table, plus its constant.</summary>
    public sealed class Lookup(LatencyTable table) : LatencySource
    {
        public LatencyTable Table { get; } = table;
        public override string Description => $"the lookup table of '{Table.Space}' ({Table.Entries.Count} parts, {Table.Settings})";
        public override bool Measures => false;
        public override double LatencyMs(Supernet supernet, Genes genes) => Table.Estimate(supernet.Engine.Plan(genes));
    }

    /// <summary>The roofline model's forward pass on a device profile.</summary>
    public sealed class Simulated(DeviceProfile device, int tokens, int batch) : LatencySource
    {
        public DeviceProfile Device { get; } = device;
        public override string Description => $"simulated on {Device} ({Device.Source})";
        public override bool Measures => false;
        public override bool OnThisMachine => false;
        public override double LatencyMs(Supernet supernet, Genes genes) => Roofline.Simulate(supernet.Engine.Plan(genes), tokens, batch, Device).TotalMs;
    }

    /// <summary>The space's latency predictor over the lookup table it was fitted with; its description carries its held-out error.</summary>
    public sealed class Predicted(LatencyPredictor predictor, LatencyTable table, SearchSpaceDescriptor space) : LatencySource
    {
        public LatencyPredictor Predictor { get; } = predictor;
        public override string Description => $"the latency predictor of '{Predictor.Space}' ({Predictor.HeldOut})";
        public override bool Measures => false;
        public override double LatencyMs(Supernet supernet, Genes genes) => Predictor.Predict(space, genes, table);
    }
}
