using DslNas.Nn;

namespace DslNas.Hardware.Simulation;

/// <summary>A kernel placed on the simulated timeline: its part, start and duration, and whether compute or memory bounds it.</summary>
public sealed record SimulatedKernel(LatencyPart Part, Kernel Kernel, double StartUs, double DurationUs, bool ComputeBound);

/// <summary>A simulated forward pass: every kernel in order on one device.</summary>
public sealed record Simulation(DeviceProfile Device, IReadOnlyList<SimulatedKernel> Kernels)
{
    public double TotalMs => Kernels.Sum(k => k.DurationUs) / 1000;

    /// <summary>Milliseconds per part, in the order the parts run.</summary>
    public IReadOnlyList<(LatencyPart Part, double Ms)> Parts =>
        Kernels.GroupBy(k => k.Part).Select(g => (g.Key, g.Sum(k => k.DurationUs) / 1000)).ToList();
}

/// <summary>
/// The roofline model: a kernel takes the longer of its operations at the device's peak and its bytes at the device's
/// bandwidth, plus the device's per-kernel overhead; kernels run one after another.
/// </summary>
public static class Roofline
{
    public static double TimeUs(Kernel kernel, DeviceProfile device) =>
        Math.Max(kernel.Flops / (device.PeakGflops * 1e3), kernel.Bytes / (device.BandwidthGBs * 1e3)) + device.KernelOverheadUs;

    public static Simulation Simulate(SubnetPlan plan, long tokens, long batch, DeviceProfile device)
    {
        var kernels = new List<SimulatedKernel>();
        var clock = 0.0;
        foreach (var part in LatencyParts.Of(plan, tokens))
            foreach (var kernel in KernelPlan.Of(part, batch))
            {
                var duration = TimeUs(kernel, device);
                kernels.Add(new SimulatedKernel(part, kernel, clock, duration, kernel.Flops / device.PeakGflops >= kernel.Bytes / device.BandwidthGBs));
                clock += duration;
            }
        return new Simulation(device, kernels);
    }
}
