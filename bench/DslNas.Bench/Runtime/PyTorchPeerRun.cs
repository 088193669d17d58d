using System.Diagnostics;
using System.Text.Json;

namespace DslNas.Bench.Runtime;

/// <summary>Runs peers/encoder_pytorch.py with Debian's python3-torch and reads its timings.</summary>
public static class PyTorchPeerRun
{
    /// <param name="blasCore">OPENBLAS_CORETYPE for the peer, or null to leave its environment as it is.</param>
    public static (List<double> Train, List<double> Infer) Measure(EncoderShape shape, int threads, int warmup, int repeats, string python, string? blasCore)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "peers", "encoder_pytorch.py");
        var start = new ProcessStartInfo(python, $"\"{script}\" {shape.PeerArguments(threads, warmup, repeats)}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("OPENBLAS_CORETYPE");
        if (blasCore is not null) start.Environment["OPENBLAS_CORETYPE"] = blasCore;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {python}");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"the PyTorch peer failed ({python} {script}): {error.Trim()}");
        var root = JsonDocument.Parse(output).RootElement;
        List<double> Read(string name) => root.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToList();
        return (Read("train_ms"), Read("infer_ms"));
    }
}
