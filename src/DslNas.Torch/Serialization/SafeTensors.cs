using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace DslNas.Torch.Serialization;

/// <summary>
/// Reads and writes named tensors in the safetensors format: an 8-byte little-endian header length, a JSON
/// header (dtype, shape and data offsets per tensor, optional "__metadata__"), then the raw little-endian data.
/// PyTorch users read these files with <c>safetensors.torch.load_file</c>.
/// </summary>
public static class SafeTensors
{
    private const string MetadataKey = "__metadata__";
    private const long MaxHeaderBytes = 100_000_000;

    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = File.Create(path);
        Write(stream, tensors, metadata);
    }

    public static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var ordered = tensors.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        var payloads = ordered.Select(t => Bytes(t.Value)).ToList();
        var header = new Dictionary<string, object>();
        if (metadata is { Count: > 0 }) header[MetadataKey] = metadata;
        long offset = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            var tensor = ordered[i].Value;
            header[ordered[i].Key] = new Dictionary<string, object>
            {
                ["dtype"] = DtypeName(tensor.dtype),
                ["shape"] = tensor.shape,
                ["data_offsets"] = new[] { offset, offset + payloads[i].Length },
            };
            offset += payloads[i].Length;
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        var padded = (json.Length + 7) / 8 * 8;
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(json);
        for (var i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var payload in payloads) stream.Write(payload);
    }

    public static SafeTensorsFile Load(string path)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read the safetensors file: {e.Message}", e);
        }
        return Read(content, path);
    }

    public static SafeTensorsFile Read(ReadOnlySpan<byte> content, string source = "safetensors data")
    {
        if (content.Length < 8)
            throw new InvalidDataException($"{source}: truncated: {content.Length} bytes is shorter than the 8-byte header length");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(content);
        if (headerLength > MaxHeaderBytes || (long)headerLength > content.Length - 8)
            throw new InvalidDataException($"{source}: truncated or not a safetensors file: the header claims {headerLength} bytes but only {content.Length - 8} follow");
        var data = content[(8 + (int)headerLength)..];
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(content.Slice(8, (int)headerLength).ToArray()).RootElement;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: the header is not valid JSON: {e.Message}", e);
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{source}: the header must be a JSON object of tensor entries");

        var metadata = new Dictionary<string, string>();
        var tensors = new Dictionary<string, Tensor>();
        try
        {
            foreach (var entry in root.EnumerateObject())
            {
                if (entry.Name == MetadataKey)
                {
                    foreach (var item in entry.Value.EnumerateObject()) metadata[item.Name] = item.Value.GetString() ?? "";
                    continue;
                }
                tensors[entry.Name] = ReadTensor(entry.Name, entry.Value, data, source);
            }
        }
        catch
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
            throw;
        }
        return new SafeTensorsFile(tensors, metadata);
    }

    private static Tensor ReadTensor(string name, JsonElement entry, ReadOnlySpan<byte> data, string source)
    {
        string Where() => $"{source}: tensor '{name}'";
        if (entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("dtype", out var dtypeElement)
            || !entry.TryGetProperty("shape", out var shapeElement)
            || !entry.TryGetProperty("data_offsets", out var offsetsElement))
            throw new InvalidDataException($"{Where()}: expected an object with dtype, shape and data_offsets");
        var dtype = DtypeFromName(dtypeElement.GetString(), Where);
        long[] shape;
        long[] offsets;
        try
        {
            shape = shapeElement.EnumerateArray().Select(e => e.GetInt64()).ToArray();
            offsets = offsetsElement.EnumerateArray().Select(e => e.GetInt64()).ToArray();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{Where()}: shape and data_offsets must be arrays of integers", e);
        }
        if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0])
            throw new InvalidDataException($"{Where()}: data_offsets must be [begin, end] with 0 <= begin <= end");
        if (offsets[1] > data.Length)
            throw new InvalidDataException($"{Where()}: truncated: its data ends at byte {offsets[1]} but the file holds {data.Length} data bytes");
        if (shape.Any(s => s < 0))
            throw new InvalidDataException($"{Where()}: the shape {Tensor.ShapeText(shape)} has a negative size");
        var elements = shape.Aggregate(1L, (a, b) => a * b);
        var expected = elements * dtype.ElementSize();
        if (offsets[1] - offsets[0] != expected)
            throw new InvalidDataException($"{Where()}: {Tensor.ShapeText(shape)} {dtype} needs {expected} bytes but data_offsets span {offsets[1] - offsets[0]}");
        var bytes = data.Slice((int)offsets[0], (int)expected);
        var result = torch.empty(shape, dtype).DetachFromDisposeScope();
        result.CopyFromBytes(bytes);
        return result;
    }

    private static byte[] Bytes(Tensor tensor) => tensor.dtype switch
    {
        ScalarType.Float32 => AsBytes(tensor.ToArray<float>()),
        ScalarType.Float64 => AsBytes(tensor.ToArray<double>()),
        ScalarType.Int64 => AsBytes(tensor.ToArray<long>()),
        ScalarType.Int32 => AsBytes(tensor.ToArray<int>()),
        ScalarType.Bool => AsBytes(tensor.ToArray<bool>()),
        var other => throw new NotSupportedException($"safetensors export of {other} is not supported"),
    };

    private static byte[] AsBytes<T>(T[] values) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static string DtypeName(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Bool => "BOOL",
        _ => throw new NotSupportedException($"safetensors export of {type} is not supported"),
    };

    private static ScalarType DtypeFromName(string? name, Func<string> where) => name switch
    {
        "F32" => ScalarType.Float32,
        "F64" => ScalarType.Float64,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "BOOL" => ScalarType.Bool,
        _ => throw new InvalidDataException($"{where()}: dtype '{name}' is not supported; expected F32, F64, I64, I32 or BOOL"),
    };
}
