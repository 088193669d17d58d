using System.Globalization;
using System.Text.Json;
using DslNas.Runs;

namespace DslNas.Hardware.Simulation;

/// <summary>
/// A device as the roofline model sees it: peak float32 FLOP/s, memory bandwidth, the fixed cost of launching one
/// kernel, and its cores; and where the figures come from.
/// </summary>
public sealed record DeviceProfile(string Name, double PeakGflops, double BandwidthGBs, double KernelOverheadUs, int Cores, string Source)
{
    /// <summary>Refuses a profile with a missing name or a missing or non-positive figure, naming it.</summary>
    public DeviceProfile Validated(string where)
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new RunInputException($"{where}: the device profile has no name");
        void Positive(double value, string field)
        {
            if (!(value > 0) || double.IsInfinity(value)) throw new RunInputException($"{where}: the device profile '{Name}' needs a positive {field}, got {value.ToString(CultureInfo.InvariantCulture)}");
        }
        Positive(PeakGflops, "PeakGflops");
        Positive(BandwidthGBs, "BandwidthGBs");
        Positive(KernelOverheadUs, "KernelOverheadUs");
        Positive(Cores, "Cores");
        return this;
    }

    /// <summary>Reads a profile from a JSON file with the fields of this record; a missing field reads as 0 and is refused.</summary>
    public static DeviceProfile Load(string path)
    {
        if (!File.Exists(path)) throw new RunInputException($"{path}: no such device profile file");
        try
        {
            var profile = JsonSerializer.Deserialize<DeviceProfile>(File.ReadAllText(path)) ?? throw new RunInputException($"{path}: an empty device profile");
            return (profile with { Source = profile.Source ?? path }).Validated(path);
        }
        catch (JsonException e)
        {
            throw new RunInputException($"{path}: not a device profile: {e.Message}");
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {PeakGflops:N0} GFLOP/s, {BandwidthGBs:N0} GB/s, {KernelOverheadUs:0.##} us per kernel, {Cores} cores");
}
