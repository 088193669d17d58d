using System.Text;
using System.Text.Json.Nodes;

namespace DslNas.KillCampaign;

/// <summary>
/// A field of a run's file that differs from run to run by itself (a time measured by the clock), left out of the
/// byte-for-byte comparison: written <c>file#name</c>, it names a CSV column by its header, or a JSON property at any
/// depth of a .json file or of every line of a .jsonl file. Every other byte of the file is still compared.
/// </summary>
public sealed record VolatileField(string File, string Name)
{
    public static VolatileField Parse(string text)
    {
        var parts = text.Split('#');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            throw new ArgumentException($"--volatile: '{text}' is not 'file#field' (e.g. candidates.csv#seconds or selection.json#FptasSeconds)");
        if (!(parts[0].EndsWith(".csv", StringComparison.Ordinal) || parts[0].EndsWith(".json", StringComparison.Ordinal) || parts[0].EndsWith(".jsonl", StringComparison.Ordinal)))
            throw new ArgumentException($"--volatile: '{parts[0]}' is neither .csv, .json nor .jsonl; a field can be left out of those alone");
        return new VolatileField(parts[0], parts[1]);
    }

    /// <summary>The bytes of <paramref name="path"/> with the values of the given fields of its file name blanked (the bytes as they are when none applies).</summary>
    public static byte[] Masked(string path, IReadOnlyCollection<VolatileField> fields)
    {
        var bytes = System.IO.File.ReadAllBytes(path);
        var names = fields.Where(f => f.File == Path.GetFileName(path)).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        if (names.Count == 0) return bytes;
        var text = Encoding.UTF8.GetString(bytes);
        var masked = Path.GetExtension(path) switch
        {
            ".csv" => MaskCsv(text, names),
            ".json" => MaskJson(text, names),
            _ => string.Join("\n", text.Split('\n').Select(line => line.Length == 0 ? line : MaskJson(line, names))),
        };
        return Encoding.UTF8.GetBytes(masked);
    }

    private static string MaskCsv(string text, HashSet<string> names)
    {
        var lines = text.Split('\n');
        var columns = lines[0].Split(',').Select((name, index) => (name, index)).Where(c => names.Contains(c.name)).Select(c => c.index).ToHashSet();
        return string.Join("\n", lines.Select((line, number) =>
            number == 0 || line.Length == 0 ? line : string.Join(",", line.Split(',').Select((cell, index) => columns.Contains(index) ? "" : cell))));
    }

    private static string MaskJson(string text, HashSet<string> names)
    {
        var node = JsonNode.Parse(text);
        Remove(node, names);
        return node?.ToJsonString() ?? "null";
    }

    private static void Remove(JsonNode? node, HashSet<string> names)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).Where(names.Contains).ToList()) obj.Remove(name);
                foreach (var property in obj) Remove(property.Value, names);
                break;
            case JsonArray array:
                foreach (var item in array) Remove(item, names);
                break;
        }
    }
}
