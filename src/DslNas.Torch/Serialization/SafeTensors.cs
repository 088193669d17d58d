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
        string header;
        try
        {
            header = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content.Slice(8, (int)headerLength));
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"{source}: the header is not valid UTF-8 (at byte {8 + e.Index})", e);
        }
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(header).RootElement;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: the header is not valid JSON: {e.Message}", e);
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{source}: the header must be a JSON object of tensor entries");

        var metadata = new Dictionary<string, string>();
        var entries = new List<Entry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in root.EnumerateObject())
        {
            if (!names.Add(entry.Name))
                throw new InvalidDataException($"{source}: the header names '{entry.Name}' twice");
            if (entry.Name == MetadataKey)
            {
                ReadMetadata(entry.Value, metadata, source);
                continue;
            }
            entries.Add(ReadEntry(entry.Name, entry.Value, data.Length, source));
        }
        CheckLayout(entries, data.Length, source);

        // Every entry is checked before the first tensor is allocated, so no tensor is larger than the bytes that back it.
        var tensors = new Dictionary<string, Tensor>();
        try
        {
            foreach (var entry in entries)
            {
                var result = torch.empty(entry.Shape, entry.Dtype).DetachFromDisposeScope();
                tensors[entry.Name] = result;
                result.CopyFromBytes(data.Slice((int)entry.Begin, (int)(entry.End - entry.Begin)));
            }
        }
        catch
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
            throw;
        }
        return new SafeTensorsFile(tensors, metadata);
    }

    /// <summary>A tensor's header entry, checked against itself and the data length.</summary>
    private sealed record Entry(string Name, ScalarType Dtype, long[] Shape, long Begin, long End);

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{source}: \"{MetadataKey}\" must be an object of strings, not {element.ValueKind}");
        foreach (var item in element.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw new InvalidDataException($"{source}: metadata '{item.Name}' must be a string, not {item.Value.ValueKind}");
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
                throw new InvalidDataException($"{source}: metadata '{item.Name}' is given twice");
        }
    }

    private static Entry ReadEntry(string name, JsonElement entry, long dataLength, string source)
    {
        string Where() => $"{source}: tensor '{name}'";
        if (entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("dtype", out var dtypeElement)
            || !entry.TryGetProperty("shape", out var shapeElement)
            || !entry.TryGetProperty("data_offsets", out var offsetsElement))
            throw new InvalidDataException($"{Where()}: expected an object with dtype, shape and data_offsets");
        if (dtypeElement.ValueKind != JsonValueKind.String)
            throw new InvalidDataException($"{Where()}: dtype must be a string such as \"F32\", not {dtypeElement.ValueKind}");
        var dtype = DtypeFromName(dtypeElement.GetString(), Where);
        var shape = Integers(shapeElement, "shape", Where);
        var offsets = Integers(offsetsElement, "data_offsets", Where);
        if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0])
            throw new InvalidDataException($"{Where()}: data_offsets must be [begin, end] with 0 <= begin <= end, not [{string.Join(", ", offsets)}]");
        if (offsets[1] > dataLength)
            throw new InvalidDataException($"{Where()}: truncated: its data ends at byte {offsets[1]} but the file holds {dataLength} data bytes");
        if (shape.Any(s => s < 0))
            throw new InvalidDataException($"{Where()}: the shape {Tensor.ShapeText(shape)} has a negative size");
        long expected;
        try
        {
            expected = checked(shape.Aggregate(1L, (a, b) => a * b) * dtype.ElementSize());
        }
        catch (OverflowException)
        {
            throw new InvalidDataException($"{Where()}: the shape {Tensor.ShapeText(shape)} is absurd: its size overflows 64 bits");
        }
        if (offsets[1] - offsets[0] != expected)
            throw new InvalidDataException($"{Where()}: {Tensor.ShapeText(shape)} {dtype} needs {expected} bytes but data_offsets span {offsets[1] - offsets[0]}");
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] Integers(JsonElement element, string field, Func<string> where)
    {
        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out _)))
            throw new InvalidDataException($"{where()}: {field} must be an array of integers, not {element.GetRawText()}");
        return element.EnumerateArray().Select(e => e.GetInt64()).ToArray();
    }

    /// <summary>As the format requires, the tensors' byte ranges tile the data exactly: no overlap, no gap, nothing after.</summary>
    private static void CheckLayout(List<Entry> entries, long dataLength, string source)
    {
        long end = 0;
        string? previous = null;
        foreach (var entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (entry.Begin < end)
                throw new InvalidDataException($"{source}: tensor '{entry.Name}' (bytes {entry.Begin}-{entry.End}) overlaps tensor '{previous}' (which ends at byte {end})");
            if (entry.Begin > end)
                throw new InvalidDataException($"{source}: data bytes {end}-{entry.Begin} belong to no tensor");
            end = entry.End;
            previous = entry.Name;
        }
        if (end != dataLength)
            throw new InvalidDataException($"{source}: {dataLength - end} data bytes after the last tensor belong to no tensor");
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
