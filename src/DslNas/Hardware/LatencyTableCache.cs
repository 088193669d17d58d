using System.Globalization;
using DslNas.Artifacts;
using DslNas.Runs;

namespace DslNas.Hardware;

/// <summary>
/// Lookup tables cached per space, batch and tokens in &lt;cache&gt;/latency-tables/. A cached table is reused only when
/// it was measured on this machine and libtorch, with the same meter settings, for the space as declared now; else it
/// is rebuilt, and the log says why. A file that is not a table is rebuilt the same way.
/// </summary>
public static class LatencyTableCache
{
    public static string PathOf(string space, LatencyMeterSettings settings, string? root = null) =>
        Path.Combine(root ?? CacheDirectory.Root, "latency-tables",
            settings.CacheFileName(space));

    /// <summary>The table of the space for the meter's settings on this machine: from the cache, or measured now and cached.</summary>
    public static LatencyTable Get(SearchSpaceDescriptor space, LatencyMeter meter, IRunEvents events, string? root = null, bool rebuild = false)
    {
        var settings = meter.Settings;
        var path = PathOf(space.Name, settings, root);
        if (!rebuild && File.Exists(path))
        {
            string? reason;
            LatencyTable? cached = null;
            try
            {
                cached = LatencyTable.Load(path);
                reason = Staleness(cached, space, settings, MachineIdentity.Current);
            }
            catch (InvalidDataException e)
            {
                reason = e.Message;
            }
            if (reason is null)
            {
                events.Log($"latency table of '{space.Name}': {path} (measured {cached!.Created:yyyy-MM-dd HH:mm} UTC on {cached.Machine.Host})");
                return cached;
            }
            events.Log($"latency table {path} is not reused, rebuilding it: {reason}");
        }
        var table = LatencyTableBuilder.Build(space, meter, events);
        table.Save(path);
        events.Log($"latency table of '{space.Name}' ({table.Entries.Count} parts, constant {table.ConstantMs.ToString("F3", CultureInfo.InvariantCulture)} ms) written to {path}");
        return table;
    }

    /// <summary>Why a cached table cannot serve the space with these settings on this machine; null when it can.</summary>
    public static string? Staleness(LatencyTable table, SearchSpaceDescriptor space, LatencyMeterSettings settings, MachineIdentity machine)
    {
        if (table.Space != space.Name) return $"it is the table of the space '{table.Space}', not '{space.Name}'";
        if (table.Machine.Difference(machine) is { } other) return $"it was measured on another machine or libtorch ({other})";
        if (table.Settings != settings) return $"it was measured with other meter settings ({table.Settings}; now {settings})";
        if (table.SpaceSignature != LatencyTable.Signature(space.Engine)) return $"the space '{space.Name}' has changed since it was measured";
        return null;
    }
}
