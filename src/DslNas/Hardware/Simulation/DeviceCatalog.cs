using DslNas.Runs;

namespace DslNas.Hardware.Simulation;

/// <summary>
/// The named device profiles (figures and their sources in docs/hardware.md) and this machine, calibrated on a lookup
/// table when asked for.
/// </summary>
public static class DeviceCatalog
{
    public static IReadOnlyList<DeviceProfile> Named { get; } =
    [
        new("mobile-cpu", 161.6, 34.1, 5, 8,
            "Snapdragon 855: 1 Cortex-A76 at 2.84 GHz + 3 at 2.42 GHz, 16 float32 FLOP per cycle each (2 x 128-bit NEON FMA); LPDDR4X-2133, 4 x 16 bit; the 5 us per kernel is assumed"),
        new("datacenter-gpu", 19_500, 1_555, 5, 108,
            "NVIDIA A100 40 GB SXM datasheet: 19.5 TFLOP/s float32 (no tensor cores), 1,555 GB/s HBM2, 108 SMs; the 5 us per kernel launch is assumed"),
        new("tpu-like", 123_000, 900, 10, 2,
            "Google Cloud TPU v3 chip: 123 TFLOP/s bfloat16 peak, 900 GB/s HBM, 2 TensorCores (Jouppi et al., CACM 2020); the 10 us per kernel is assumed"),
    ];

    public static IEnumerable<string> Names => Named.Select(d => d.Name).Prepend(Calibration.ThisMachine);

    /// <summary>A named profile, or this machine calibrated on <paramref name="table"/>; an unknown name is an error listing the known ones.</summary>
    public static DeviceProfile Get(string name, Func<LatencyTable> table) =>
        name == Calibration.ThisMachine
            ? Calibration.Calibrate(table())
            : Named.FirstOrDefault(d => d.Name == name) ?? throw new RunInputException($"unknown device '{name}'; the devices: {string.Join(", ", Names)} (or --device-file with a profile of your own)");
}
