using DslNas.Torch;

namespace DslNas.Export;

/// <summary>
/// BertModel's tensors in a safetensors file, under their own names or under "bert." (the file's word embeddings
/// decide which), each checked for presence, dtype and shape. Layer norms may use the legacy names "gamma" and
/// "beta" for "weight" and "bias": bert-base-uncased's own files do, and transformers renames them when loading.
/// The MLM head's "cls.predictions.*" tensors are read by their full names (underPrefix false), never under "bert.".
/// Other tensors (the next-sentence head, the position_ids buffer older transformers saved) are not asked for and so
/// are ignored.
/// </summary>
internal sealed class BertTensorSource
{
    private readonly IReadOnlyDictionary<string, Tensor> tensors;
    private readonly string path;
    private readonly string prefix;

    public BertTensorSource(IReadOnlyDictionary<string, Tensor> tensors, string path)
    {
        this.tensors = tensors;
        this.path = path;
        if (tensors.ContainsKey(BertLayout.Prefix + BertLayout.WordEmbeddings)) prefix = BertLayout.Prefix;
        else if (tensors.ContainsKey(BertLayout.WordEmbeddings)) prefix = "";
        else
            throw new InvalidDataException(
                $"{path}: the tensor '{BertLayout.Prefix}{BertLayout.WordEmbeddings}' is missing (nor is it there without the " +
                $"'{BertLayout.Prefix}' prefix); this is not a BERT checkpoint");
    }

    public bool Contains(string name, bool underPrefix = true)
    {
        var full = Full(name, underPrefix);
        return tensors.ContainsKey(full) || LegacyLayerNormName(full) is { } legacy && tensors.ContainsKey(legacy);
    }

    /// <summary>The tensor BERT names <paramref name="name"/>, which must be float32 of shape <paramref name="shape"/>.</summary>
    public Tensor Require(string name, long[] shape, bool underPrefix = true)
    {
        var (foundName, tensor) = Find(Full(name, underPrefix));
        if (!tensor.shape.SequenceEqual(shape))
            throw new InvalidDataException(
                $"{path}: the tensor '{foundName}' has shape {ShapeText(tensor.shape)} but config.json implies {ShapeText(shape)}");
        if (tensor.dtype != ScalarType.Float32)
            throw new InvalidDataException($"{path}: the tensor '{foundName}' holds {tensor.dtype}; expected float32 (F32)");
        return tensor;
    }

    private string Full(string name, bool underPrefix) => underPrefix ? prefix + name : name;

    private (string Name, Tensor Tensor) Find(string name)
    {
        if (tensors.TryGetValue(name, out var tensor)) return (name, tensor);
        var legacyName = LegacyLayerNormName(name);
        if (legacyName is null) throw new InvalidDataException($"{path}: the tensor '{name}' is missing");
        if (tensors.TryGetValue(legacyName, out tensor)) return (legacyName, tensor);
        throw new InvalidDataException($"{path}: the tensor '{name}' is missing (nor is it there under its legacy name '{legacyName}')");
    }

    private static string? LegacyLayerNormName(string name) =>
        name.EndsWith("LayerNorm.weight", StringComparison.Ordinal) ? name[..^"weight".Length] + "gamma"
        : name.EndsWith("LayerNorm.bias", StringComparison.Ordinal) ? name[..^"bias".Length] + "beta"
        : null;

    private static string ShapeText(long[] shape) => $"[{string.Join(", ", shape)}]";
}
