using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace DslNas.NodeClients;

/// <summary>Runs the scripts of tests/NodeClients (installed by the build, see NodeClients.targets) with node and reads their JSON output.</summary>
internal static class NodeClient
{
    public static string Directory { get; } = typeof(NodeClient).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "NodeClients").Value!;

    /// <summary>The JSON a script printed; a failing script fails the test with its error output.</summary>
    public static JsonElement Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Directory };
        start.ArgumentList.Add(Path.Combine(Directory, script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"node {script} failed ({process.ExitCode}): {error.Result}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    /// <summary>Runs an ONNX model in ONNX Runtime on ids and a keep-mask [batch, sequence]; returns each output's dims and values.</summary>
    public static Dictionary<string, (long[] Dims, float[] Data)> RunOnnx(string model, long[][] ids, long[][] mask) =>
        RunOnnx(model, ids, mask, new Dictionary<string, object>()).GetProperty("outputs").EnumerateObject().ToDictionary(o => o.Name, o => (
            o.Value.GetProperty("dims").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
            o.Value.GetProperty("data").EnumerateArray().Select(d => d.GetSingle()).ToArray()));

    /// <summary>The median time of one ONNX Runtime run (ms), timed inside node around session.run, after warm-up runs.</summary>
    public static double TimeOnnx(string model, long[][] ids, long[][] mask, int threads, int warmup, int repetitions) =>
        RunOnnx(model, ids, mask, new Dictionary<string, object> { ["threads"] = threads, ["warmup"] = warmup, ["repetitions"] = repetitions })
            .GetProperty("median_ms").GetDouble();

    private static JsonElement RunOnnx(string model, long[][] ids, long[][] mask, Dictionary<string, object> settings)
    {
        var input = Path.Combine(Path.GetTempPath(), $"dslnas-onnx-input-{Guid.NewGuid():N}.json");
        settings["batch"] = ids.Length;
        settings["sequence"] = ids[0].Length;
        settings["input_ids"] = ids.SelectMany(r => r).ToArray();
        settings["attention_mask"] = mask.SelectMany(r => r).ToArray();
        File.WriteAllText(input, JsonSerializer.Serialize(settings));
        try
        {
            return Run("run-onnx.mjs", model, input);
        }
        finally
        {
            File.Delete(input);
        }
    }
}
