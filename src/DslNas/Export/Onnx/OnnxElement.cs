namespace DslNas.Export.Onnx;

/// <summary>The element types of graph inputs and outputs.</summary>
internal enum OnnxElement
{
    Float,
    Int64,
}
