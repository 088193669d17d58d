using DslNas.Nn;

namespace DslNas.Hardware;

/// <summary>
/// Where a search gets an architecture's latency: measured (the subnet extracted and timed with the meter), or
/// estimated from the space's lookup table. Parsed from <c>--latency</c>: "measured" or "table".
/// </summary>
public abstract class LatencySource
{
    public const string MeasuredName = "measured";
    public const string TableName = "table";

    public static IReadOnlyList<string> Names { get; } = [MeasuredName, TableName];

    /// <summary>What the figures are, for logs and reports.</summary>
    public abstract string Description { get; }

    /// <summary>Whether every figure is a measurement (then the front needs no measuring afterwards).</summary>
    public abstract bool Measures { get; }

    /// <summary>The latency of the supernet's subnet <paramref name="plan"/> in milliseconds.</summary>
    public abstract double LatencyMs(Supernet supernet, SubnetPlan plan);

    /// <summary>Refuses a name that is not a source, listing those that are.</summary>
    public static string Validate(string name) =>
        Names.Contains(name) ? name : throw new ArgumentException($"--latency must be one of {string.Join(", ", Names)}; got '{name}'");

    /// <summary>The subnet extracted with its shared weights and timed with the meter.</summary>
    public sealed class Meter(LatencyMeter meter) : LatencySource
    {
        public override string Description => $"measured ({meter.Settings})";
        public override bool Measures => true;

        public override double LatencyMs(Supernet supernet, SubnetPlan plan)
        {
            using var extracted = supernet.Extract(plan);
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
        public override double LatencyMs(Supernet supernet, SubnetPlan plan) => Table.Estimate(plan);
    }
}
