using System.Text.Json;
using DslNas.Torch;

namespace DslNas.Torch.Tests;

/// <summary>Inputs and PyTorch outputs from Fixtures/reference.json (made by Fixtures/make_reference.py).</summary>
public static class Reference
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() =>
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "reference.json"));
        var root = JsonDocument.Parse(stream).RootElement;
        return root.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone());
    });

    public static IEnumerable<string> Names => Cases.Value.Keys;

    public static Tensor Input(string caseName, string input) => Decode(Cases.Value[caseName].GetProperty("inputs").GetProperty(input));

    public static IReadOnlyList<Tensor> Outputs(string caseName) =>
        Cases.Value[caseName].GetProperty("outputs").EnumerateArray().Select(Decode).ToList();

    private static Tensor Decode(JsonElement encoded)
    {
        var shape = encoded.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var data = encoded.GetProperty("data");
        return encoded.GetProperty("dtype").GetString() switch
        {
            "f32" => torch.tensor(data.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray(), shape),
            "f64" => torch.tensor(data.EnumerateArray().Select(e => e.GetDouble()).ToArray(), shape),
            "i64" => torch.tensor(data.EnumerateArray().Select(e => e.GetInt64()).ToArray(), shape),
            "bool" => torch.tensor(data.EnumerateArray().Select(e => e.GetBoolean()).ToArray(), shape),
            var other => throw new InvalidDataException($"unknown dtype {other} in reference.json"),
        };
    }
}
