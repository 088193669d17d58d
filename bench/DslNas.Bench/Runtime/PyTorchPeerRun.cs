using System.Diagnostics;
using System.Text.Json;

namespace DslNas.Bench.Runtime;

/// <summary>Runs a PyTorch peer from peers/ with Debian's python3-torch and reads the JSON object it prints.</summary>
public static class PyTorchPeerRun
{
    /// <summary>The encoder peer's training-step and batch-1 inference timings.</summary>
    /// <param name="blasCore">OPENBLAS_CORETYPE for the peer, or null to leave its environment as it is.</param>
    public static (List<double> Train, List<double> Infer) Measure(EncoderShape shape, int threads, int warmup, int repeats, string python, string? blasCore)
    {
        var root = Run("encoder_pytorch.py", shape.PeerArguments(threads, warmup, repeats), python, blasCore);
        return (Numbers(root, "train_ms"), Numbers(root, "infer_ms"));
    }

    /// <param name="blasCore">OPENBLAS_CORETYPE for the peer, or null to leave its environment as it is.</param>
    public static JsonElement Run(string peer, string arguments, string python, string? blasCore)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "peers", peer);
        var start = new ProcessStartInfo(python, $"\"{script}\" {arguments}")
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
        return JsonDocument.Parse(output).RootElement;
    }

    public static List<double> Numbers(JsonElement root, string name) => root.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToList();
}
