using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace DslNas.Tests.NodeClients;

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
    public static Dictionary<string, (long[] Dims, float[] Data)> RunOnnx(string model, long[][] ids, long[][] mask)
    {
        var input = Path.Combine(Path.GetTempPath(), $"dslnas-onnx-input-{Guid.NewGuid():N}.json");
        File.WriteAllText(input, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["batch"] = ids.Length,
            ["sequence"] = ids[0].Length,
            ["input_ids"] = ids.SelectMany(r => r).ToArray(),
            ["attention_mask"] = mask.SelectMany(r => r).ToArray(),
        }));
        try
        {
            var outputs = Run("run-onnx.mjs", model, input).GetProperty("outputs");
            return outputs.EnumerateObject().ToDictionary(o => o.Name, o => (
                o.Value.GetProperty("dims").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
                o.Value.GetProperty("data").EnumerateArray().Select(d => d.GetSingle()).ToArray()));
        }
        finally
        {
            File.Delete(input);
        }
    }
}
