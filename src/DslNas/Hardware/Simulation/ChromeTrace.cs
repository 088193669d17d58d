using System.Text.Json;

namespace DslNas.Hardware.Simulation;

/// <summary>A timeline as Chrome trace JSON (complete events, microseconds), viewable in Perfetto or chrome://tracing.</summary>
public static class ChromeTrace
{
    public static string Write(Simulation simulation) => JsonSerializer.Serialize(new
    {
        displayTimeUnit = "ms",
        otherData = new { device = simulation.Device.ToString(), source = simulation.Device.Source },
        traceEvents = simulation.Kernels.Select(k => new
        {
            name = k.Kernel.Name,
            cat = k.Part.ToString(),
            ph = "X",
            ts = k.StartUs,
            dur = k.DurationUs,
            pid = 1,
            tid = 1,
            args = new { part = k.Part.ToString(), flops = k.Kernel.Flops, bytes = k.Kernel.Bytes, bound = k.ComputeBound ? "compute" : "memory" },
        }),
    }, new JsonSerializerOptions { WriteIndented = true });
}
