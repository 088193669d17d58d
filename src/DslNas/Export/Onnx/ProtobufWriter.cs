using System.Buffers.Binary;
using System.Text;

namespace DslNas.Export.Onnx;

/// <summary>
/// Protocol Buffers' wire format, as much of it as ONNX's messages use: varints, 32-bit floats and length-delimited
/// fields (strings, bytes, nested messages). Repeated scalars are written one key per element, which proto2 and
/// proto3 readers both accept.
/// </summary>
internal sealed class ProtobufWriter
{
    private const int VarintType = 0;
    private const int LengthDelimitedType = 2;
    private const int Fixed32Type = 5;

    private readonly MemoryStream buffer = new();

    public ProtobufWriter Varint(int field, long value)
    {
        Key(field, VarintType);
        WriteVarint((ulong)value);
        return this;
    }

    public ProtobufWriter Float(int field, float value)
    {
        Key(field, Fixed32Type);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        buffer.Write(bytes);
        return this;
    }

    public ProtobufWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtobufWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Key(field, LengthDelimitedType);
        WriteVarint((ulong)value.Length);
        buffer.Write(value);
        return this;
    }

    public ProtobufWriter Message(int field, Action<ProtobufWriter> write)
    {
        var nested = new ProtobufWriter();
        write(nested);
        Key(field, LengthDelimitedType);
        WriteVarint((ulong)nested.buffer.Length);
        nested.buffer.Position = 0;
        nested.buffer.CopyTo(buffer);
        return this;
    }

    public byte[] ToArray() => buffer.ToArray();

    private void Key(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        buffer.WriteByte((byte)value);
    }
}
