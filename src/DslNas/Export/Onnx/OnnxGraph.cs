using System.Runtime.InteropServices;

namespace DslNas.Export.Onnx;

/// <summary>
/// An ONNX graph under construction: named inputs and outputs whose dimensions are fixed sizes or symbolic names
/// (dynamic axes), float and int64 initializers, and nodes of the default domain at <see cref="Opset"/>. Each node's
/// outputs get fresh names; <see cref="ToModel"/> serializes the whole ModelProto.
/// </summary>
internal sealed class OnnxGraph(string name)
{
    /// <summary>The operator set of the default domain that exported models import (LayerNormalization needs 17).</summary>
    public const int Opset = 17;

    /// <summary>ONNX's IR version that goes with opset 17.</summary>
    private const int IrVersion = 8;

    private const int FloatType = 1;
    private const int Int64Type = 7;

    private readonly List<Action<ProtobufWriter>> nodes = [];
    private readonly List<Action<ProtobufWriter>> initializers = [];
    private readonly List<Action<ProtobufWriter>> inputs = [];
    private readonly List<Action<ProtobufWriter>> outputs = [];
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private int counter;

    /// <summary>A graph input; a dimension is a fixed size (long) or a symbolic name (string).</summary>
    public string Input(string inputName, OnnxElement element, params object[] dimensions)
    {
        Claim(inputName);
        inputs.Add(w => ValueInfo(w, inputName, element, dimensions));
        return inputName;
    }

    /// <summary>Names <paramref name="value"/> as a graph output (through an Identity node when it already has a name of its own).</summary>
    public void Output(string value, string outputName, OnnxElement element, params object[] dimensions)
    {
        Claim(outputName);
        AddNode("Identity", [value], [outputName], []);
        outputs.Add(w => ValueInfo(w, outputName, element, dimensions));
    }

    public string Initializer(string initializerName, float[] values, long[] shape)
    {
        Claim(initializerName);
        return FloatInitializer(initializerName, values, shape);
    }

    public string FloatScalar(float value) => FloatInitializer(Fresh("const"), [value], []);

    private string FloatInitializer(string initializerName, float[] values, long[] shape)
    {
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX stores raw tensor data little-endian");
        initializers.Add(w => TensorMessage(w, initializerName, FloatType, shape, bytes));
        return initializerName;
    }

    public string Int64s(params long[] values)
    {
        var initializerName = Fresh("const");
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        initializers.Add(w => TensorMessage(w, initializerName, Int64Type, [values.Length], bytes));
        return initializerName;
    }

    public string Int64Scalar(long value)
    {
        var initializerName = Fresh("const");
        var bytes = BitConverter.GetBytes(value);
        initializers.Add(w => TensorMessage(w, initializerName, Int64Type, [], bytes));
        return initializerName;
    }

    /// <summary>A node with one output; returns the output's name.</summary>
    public string Node(string op, string[] nodeInputs, params OnnxAttribute[] attributes) => Node(op, nodeInputs, 1, attributes)[0];

    /// <summary>A node with <paramref name="outputCount"/> outputs; returns their names.</summary>
    public string[] Node(string op, string[] nodeInputs, int outputCount, params OnnxAttribute[] attributes)
    {
        var nodeOutputs = Enumerable.Range(0, outputCount).Select(_ => Fresh(op)).ToArray();
        AddNode(op, nodeInputs, nodeOutputs, attributes);
        return nodeOutputs;
    }

    public byte[] ToModel(string producer, string producerVersion, IReadOnlyDictionary<string, string> metadata)
    {
        var model = new ProtobufWriter()
            .Varint(1, IrVersion)
            .String(2, producer)
            .String(3, producerVersion)
            .Message(7, graph =>
            {
                foreach (var node in nodes) graph.Message(1, node);
                graph.String(2, name);
                foreach (var initializer in initializers) graph.Message(5, initializer);
                foreach (var input in inputs) graph.Message(11, input);
                foreach (var output in outputs) graph.Message(12, output);
            })
            .Message(8, opset => opset.String(1, "").Varint(2, Opset));
        foreach (var (key, value) in metadata) model.Message(14, entry => entry.String(1, key).String(2, value));
        return model.ToArray();
    }

    private void AddNode(string op, string[] nodeInputs, string[] nodeOutputs, OnnxAttribute[] attributes)
    {
        var nodeName = $"{op}_{nodes.Count}";
        nodes.Add(w =>
        {
            foreach (var input in nodeInputs) w.String(1, input);
            foreach (var output in nodeOutputs) w.String(2, output);
            w.String(3, nodeName);
            w.String(4, op);
            foreach (var attribute in attributes) w.Message(5, attribute.Write);
        });
    }

    private string Fresh(string stem)
    {
        string candidate;
        do candidate = $"{stem}_{counter++}";
        while (names.Contains(candidate));
        names.Add(candidate);
        return candidate;
    }

    private void Claim(string valueName)
    {
        if (!names.Add(valueName)) throw new InvalidOperationException($"the ONNX graph already has a value named '{valueName}'");
    }

    private static void TensorMessage(ProtobufWriter w, string tensorName, int elementType, long[] shape, byte[] raw)
    {
        foreach (var dimension in shape) w.Varint(1, dimension);
        w.Varint(2, elementType);
        w.String(8, tensorName);
        w.Bytes(9, raw);
    }

    private static void ValueInfo(ProtobufWriter w, string valueName, OnnxElement element, object[] dimensions)
    {
        w.String(1, valueName);
        w.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Varint(1, element == OnnxElement.Float ? FloatType : Int64Type);
            tensor.Message(2, shape =>
            {
                foreach (var dimension in dimensions)
                    shape.Message(1, d =>
                    {
                        if (dimension is string symbol) d.String(2, symbol);
                        else d.Varint(1, Convert.ToInt64(dimension, System.Globalization.CultureInfo.InvariantCulture));
                    });
            });
        }));
    }
}
