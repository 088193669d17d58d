using System.Text.Json;
using System.Text.Json.Serialization;

namespace DslNas.Artifacts;

/// <summary>
/// The JSON files runs leave behind (options, choices, scores, health checks): written atomically, indented, with enums by name,
/// and read back with an error that names the file and what it should have been. Reading is strict: a field a record's
/// constructor needs and has no default for must be there, and a field that may not be null must not be, so a damaged
/// file is refused by name instead of failing later on a missing value.
/// </summary>
internal static class JsonArtifact
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static void Save<T>(string path, T value) => AtomicFile.WriteAllText(path, Write(value));

    /// <summary>Reads <paramref name="path"/> as a <typeparamref name="T"/> (a "<paramref name="what"/>"); <paramref name="missing"/> says what to do when it is absent.</summary>
    public static T Load<T>(string path, string what, string missing)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: {missing}", path);
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path}: an empty {what}");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a DslNas {what}: {e.Message}", e);
        }
    }
}
