namespace DslNas.Hardware.Simulation;

/// <summary>
/// This machine as a device profile, calibrated on a lookup table: the peak FLOP/s and bandwidth (a logarithmic grid)
/// and the per-kernel overhead (the median of what the roofline leaves unexplained per kernel) that make the roofline
/// model's part latencies closest to the measured ones (least mean relative error).
/// </summary>
public static class Calibration
{
    public const string ThisMachine = "this-machine";

    public static DeviceProfile Calibrate(LatencyTable table)
    {
        var parts = table.Entries.Select(e => (Kernels: KernelPlan.Of(e.Part, table.Settings.Batch), MeasuredUs: e.MedianMs * 1000)).ToList();
        var grid = Enumerable.Range(0, 61).Select(i => Math.Pow(10, i / 15.0)).ToList();
        (double Error, DeviceProfile Profile)? best = null;
        foreach (var peak in grid)
            foreach (var bandwidth in grid)
            {
                var candidate = new DeviceProfile(ThisMachine, peak, bandwidth, 1e-3, Environment.ProcessorCount, "");
                var unexplained = parts.Select(p => (p.MeasuredUs - p.Kernels.Sum(k => Roofline.TimeUs(k, candidate) - candidate.KernelOverheadUs)) / p.Kernels.Count).Order().ToList();
                var overhead = Math.Max(1e-3, unexplained[unexplained.Count / 2]);
                candidate = candidate with { KernelOverheadUs = overhead };
                var error = parts.Average(p => Math.Abs(p.Kernels.Sum(k => Roofline.TimeUs(k, candidate)) - p.MeasuredUs) / p.MeasuredUs);
                if (best is null || error < best.Value.Error) best = (error, candidate);
            }
        return best!.Value.Profile with
        {
            Source = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"calibrated on the lookup table of '{table.Space}' measured {table.Created:yyyy-MM-dd HH:mm} UTC on {table.Machine} ({table.Settings}); mean part error {best.Value.Error:P1}"),
        };
    }
}
