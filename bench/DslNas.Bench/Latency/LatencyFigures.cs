using System.Globalization;
using DslNas.Bench.Runtime;
using DslNas.Hardware;
using DslNas.Runs;

namespace DslNas.Bench.Latency;

/// <summary>Relative errors summarized as the latency benchmarks print them, with the machine's load when they ran.</summary>
internal static class LatencyFigures
{
    /// <summary>The space named by --space (default fast-transformer), with the seed spaces registered.</summary>
    public static SearchSpaceDescriptor Space(Options options)
    {
        BuiltInSpaces.Register();
        return SpaceCatalog.Get(options.Text("space", "fast-transformer"));
    }

    /// <summary>
    /// The runs' default meter at --length (64) tokens and --batch (1), corrected by its reference unless
    /// --latency-reference false.
    /// </summary>
    public static LatencyMeter Meter(Options options) =>
        (RunOptions.Defaults.Latency with { Batch = options.Int("batch", 1), Reference = bool.Parse(options.Text("latency-reference", "true")) }).Meter(options.Int("length", 64));

    public static string Errors(IReadOnlyList<double> relative, double within)
    {
        var absolute = relative.Select(Math.Abs).Order().ToList();
        var p95 = absolute[(int)Math.Ceiling(0.95 * absolute.Count) - 1];
        return string.Create(CultureInfo.InvariantCulture,
            $"median {Median.Of(absolute):P1}, 95th percentile {p95:P1}, within +-{within:P0}: {absolute.Count(e => e <= within)}/{absolute.Count} ({(double)absolute.Count(e => e <= within) / absolute.Count:P0})");
    }

    /// <summary>The 1-minute load average, or "unknown" where /proc/loadavg does not exist.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
