using System.Text.Json;

namespace DslNas.Hardware.Simulation;

/// <summary>A timeline as Chrome trace JSON (complete events, microseconds), viewable in Perfetto or chrome://tracing.</summary>
public static class ChromeTrace
{
    /// <summary>The simulated forward pass: one event per kernel, grouped by part, with its FLOPs, bytes and bound.</summary>
    public static string Write(Simulation simulation) => Write(
        new { device = simulation.Device.ToString(), source = simulation.Device.Source },
        simulation.Kernels.Select(k => Event(k.Kernel.Name, k.Part.ToString(), k.StartUs, k.DurationUs,
            new { part = k.Part.ToString(), flops = k.Kernel.Flops, bytes = k.Kernel.Bytes, bound = k.ComputeBound ? "compute" : "memory" })));

    /// <summary>A forward pass measured part by part: one event per part, with its quartiles.</summary>
    public static string Write(IReadOnlyList<MeasuredPart> timeline, LatencyMeterSettings settings) => Write(
        new { device = $"this machine ({MachineIdentity.Current})", source = $"measured part by part, {settings}" },
        timeline.Select(p => Event(p.Part.ToString(), p.Part.Kind.ToString(), p.StartUs, p.DurationUs,
            new { lower_quartile_ms = p.Measurement.LowerQuartileMs, upper_quartile_ms = p.Measurement.UpperQuartileMs, threads = p.Measurement.Threads })));

    private static object Event(string name, string category, double start, double duration, object args) =>
        new { name, cat = category, ph = "X", ts = start, dur = duration, pid = 1, tid = 1, args };

    private static string Write(object about, IEnumerable<object> events) =>
        JsonSerializer.Serialize(new { displayTimeUnit = "ms", otherData = about, traceEvents = events }, new JsonSerializerOptions { WriteIndented = true });
}
