namespace DslNas.Export.Onnx;

/// <summary>A node attribute: an integer, a float or a list of integers.</summary>
internal sealed class OnnxAttribute
{
    private const int FloatKind = 1;
    private const int IntKind = 2;
    private const int IntsKind = 7;

    private readonly Action<ProtobufWriter> write;

    private OnnxAttribute(Action<ProtobufWriter> write) => this.write = write;

    public static OnnxAttribute Int(string name, long value) => new(w => w.String(1, name).Varint(3, value).Varint(20, IntKind));

    public static OnnxAttribute Float(string name, float value) => new(w => w.String(1, name).Float(2, value).Varint(20, FloatKind));

    public static OnnxAttribute Ints(string name, params long[] values) => new(w =>
    {
        w.String(1, name);
        foreach (var value in values) w.Varint(8, value);
        w.Varint(20, IntsKind);
    });

    public void Write(ProtobufWriter writer) => write(writer);
}
