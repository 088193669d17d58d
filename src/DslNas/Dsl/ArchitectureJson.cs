using System.Text.Json;
using DslNas.Engine;

namespace DslNas;

/// <summary>
/// Architectures as JSON: {"space": name, one field per dimension (a value, or an array for per-layer
/// dimensions)}. Ops and string choices are written by their labels. Bad input names the field.
/// </summary>
public static class ArchitectureJson
{
    public static string Write(string space, SpaceEngine engine, double[][] values)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            writer.WriteString("space", space);
            for (var d = 0; d < engine.Dimensions.Count; d++)
            {
                var dimension = engine.Dimensions[d];
                writer.WritePropertyName(dimension.Name);
                if (dimension.PerLayer)
                {
                    writer.WriteStartArray();
                    foreach (var value in values[d]) WriteValue(writer, dimension, value);
                    writer.WriteEndArray();
                }
                else
                {
                    WriteValue(writer, dimension, values[d][0]);
                }
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter writer, DimensionSpec dimension, double value)
    {
        switch (dimension.Format)
        {
            case ValueFormat.Label:
                writer.WriteStringValue(dimension.Labels[dimension.IndexOf(value)]);
                break;
            case ValueFormat.Boolean:
                writer.WriteBooleanValue(value != 0);
                break;
            default:
                writer.WriteNumberValue(value);
                break;
        }
    }

    /// <summary>
    /// Values per dimension; throws <see cref="FormatException"/> naming <paramref name="source"/> (the file it came from)
    /// and the field that is unknown, missing, repeated or malformed.
    /// </summary>
    public static double[][] Read(string space, SpaceEngine engine, string json, string source = "the architecture")
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: not valid JSON: {e.Message}", e);
        }
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException($"{source}: an architecture must be a JSON object, not {root.ValueKind}");
        var repeated = root.EnumerateObject().GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new FormatException($"{source}: field '{repeated.Key}' is given {repeated.Count()} times");
        if (root.TryGetProperty("space", out var name) && (name.ValueKind != JsonValueKind.String || name.GetString() != space))
            throw new FormatException($"{source}: field 'space': the architecture belongs to {(name.ValueKind == JsonValueKind.String ? $"'{name.GetString()}'" : name.GetRawText())}, not '{space}'");
        var known = new HashSet<string>(engine.Dimensions.Select(d => d.Name)) { "space" };
        var unknown = root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !known.Contains(n));
        if (unknown is not null) throw new FormatException($"{source}: field '{unknown}' is not a dimension of '{space}'; its dimensions are {string.Join(", ", engine.Dimensions.Select(d => d.Name))}");
        var values = new double[engine.Dimensions.Count][];
        for (var d = 0; d < engine.Dimensions.Count; d++)
        {
            var dimension = engine.Dimensions[d];
            if (!root.TryGetProperty(dimension.Name, out var field)) throw new FormatException($"{source}: field '{dimension.Name}' is missing");
            if (dimension.PerLayer)
            {
                if (field.ValueKind != JsonValueKind.Array) throw new FormatException($"{source}: field '{dimension.Name}' must be an array with one value per layer, not {field.ValueKind}");
                values[d] = field.EnumerateArray().Select((e, i) => ReadValue(dimension, e, $"{dimension.Name}[{i}]", source)).ToArray();
            }
            else
            {
                values[d] = [ReadValue(dimension, field, dimension.Name, source)];
            }
        }
        return values;
    }

    private static double ReadValue(DimensionSpec dimension, JsonElement element, string field, string source)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                return element.TryGetDouble(out var number) && double.IsFinite(number)
                    ? number
                    : throw new FormatException($"{source}: field '{field}': {element.GetRawText()} is not a finite number");
            case JsonValueKind.True or JsonValueKind.False:
                return element.GetBoolean() ? 1 : 0;
            case JsonValueKind.String:
                var index = dimension.Labels.ToList().IndexOf(element.GetString()!);
                if (index < 0) throw new FormatException($"{source}: field '{field}': '{element.GetString()}' is not a candidate; allowed: {string.Join(", ", dimension.Labels)}");
                return dimension.Values[index];
            default:
                throw new FormatException($"{source}: field '{field}' must be a number, a boolean or a candidate's name, not {element.ValueKind}");
        }
    }
}
