using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Torch.Serialization;

namespace DslNas.Tests.Export;

/// <summary>The tiny BERT written by PyTorch (Fixtures/bert/make_bert.py), and bitwise views of weights and outputs.</summary>
internal static class BertFixture
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "bert");

    /// <summary>A fresh copy of the fixture's three files, for tests that break one of them.</summary>
    public static string CopyTo(string destination)
    {
        foreach (var name in new[] { "config.json", "model.safetensors", "vocab.txt" })
            File.Copy(Path.Combine(Directory, name), Path.Combine(destination, name), overwrite: true);
        return destination;
    }

    /// <summary>Rewrites the model.safetensors of <paramref name="directory"/> after <paramref name="edit"/> has changed its tensors by name.</summary>
    public static void EditTensors(string directory, Action<Dictionary<string, Tensor>> edit)
    {
        var path = Path.Combine(directory, "model.safetensors");
        using var scope = torch.NewDisposeScope();
        using var file = SafeTensors.Load(path);
        var tensors = file.Tensors.ToDictionary(t => t.Key, t => t.Value);
        edit(tensors);
        SafeTensors.Save(path, tensors);
    }

    /// <summary>The float32 elements as bit patterns, so that -0 and +0 (equal as numbers) differ.</summary>
    public static int[] Bits(Tensor tensor) => tensor.ToArray<float>().Select(BitConverter.SingleToInt32Bits).ToArray();

    /// <summary>Every parameter of the module, by name, as bit patterns.</summary>
    public static Dictionary<string, int[]> Bits(Module module) => module.named_parameters().ToDictionary(p => p.Key, p => Bits(p.Value));
}
