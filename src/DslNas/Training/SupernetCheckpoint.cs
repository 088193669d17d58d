using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DslNas.Torch;
using DslNas.Torch.Serialization;

namespace DslNas.Training;

/// <summary>
/// A training checkpoint in one safetensors file: the supernet's weights ("model.*"), AdamW's moments ("adam.m.*",
/// "adam.v.*"), and in the metadata the step, data position, optimizer step counts, both random states, the training
/// options, a fingerprint of the supernet's parameter names and shapes, and a SHA-256 checksum of the tensors.
/// Written to a temporary file and renamed over the previous checkpoint, so a failed write never destroys the last
/// good one. A corrupt checkpoint, or one from another supernet or other options, is refused with the reason.
/// </summary>
public static class SupernetCheckpoint
{
    private const string Format = "dslnas-supernet-checkpoint/1";

    public static void Save(SupernetTrainer trainer, string path)
    {
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, parameter) in trainer.Net.named_parameters()) tensors["model." + name] = parameter;
        for (var i = 0; i < trainer.Optimizer.ExpAvg.Count; i++)
        {
            tensors[$"adam.m.{i:D5}"] = trainer.Optimizer.ExpAvg[i];
            tensors[$"adam.v.{i:D5}"] = trainer.Optimizer.ExpAvgSq[i];
        }
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["fingerprint"] = Fingerprint(trainer),
            ["options"] = JsonSerializer.Serialize(trainer.Options),
            ["step"] = trainer.Step.ToString(CultureInfo.InvariantCulture),
            ["epoch"] = trainer.Epoch.ToString(CultureInfo.InvariantCulture),
            ["position"] = trainer.Position.ToString(CultureInfo.InvariantCulture),
            ["optimizer_steps"] = string.Join(",", trainer.Optimizer.Steps),
            ["sampler_state"] = trainer.Random.State.ToString(CultureInfo.InvariantCulture),
            ["torch_rng"] = Convert.ToBase64String(torch.get_rng_state()),
            ["checksum"] = Checksum(tensors),
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        try
        {
            using (var stream = File.Create(temporary))
            {
                SafeTensors.Write(stream, tensors, metadata);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary)) File.Delete(temporary);
            throw new IOException($"{path}: the checkpoint could not be written ({e.Message}); the previous checkpoint is unchanged", e);
        }
    }

    /// <summary>Restores the trainer (and its supernet) to the checkpoint's state.</summary>
    public static void Load(SupernetTrainer trainer, string path)
    {
        using var file = SafeTensors.Load(path);
        var metadata = file.Metadata;
        string Field(string name) => metadata.TryGetValue(name, out var value)
            ? value
            : throw new InvalidDataException($"{path}: not a DslNas supernet checkpoint (no '{name}' in its metadata)");
        if (Field("format") != Format) throw new InvalidDataException($"{path}: checkpoint format '{Field("format")}' is not {Format}");
        if (Field("fingerprint") != Fingerprint(trainer))
            throw new InvalidDataException($"{path}: the checkpoint belongs to another supernet (its parameter names or shapes differ from this one's)");
        var options = JsonSerializer.Serialize(trainer.Options);
        if (Field("options") != options)
            throw new InvalidDataException($"{path}: the checkpoint was trained with other options ({Field("options")}), not {options}");
        if (Field("checksum") != Checksum(file.Tensors))
            throw new InvalidDataException($"{path}: the checksum does not match the tensors; the file is corrupt");

        using (torch.no_grad())
        {
            foreach (var (name, parameter) in trainer.Net.named_parameters()) parameter.copy_(file.Tensors["model." + name]);
            for (var i = 0; i < trainer.Optimizer.ExpAvg.Count; i++)
            {
                trainer.Optimizer.ExpAvg[i].copy_(file.Tensors[$"adam.m.{i:D5}"]);
                trainer.Optimizer.ExpAvgSq[i].copy_(file.Tensors[$"adam.v.{i:D5}"]);
            }
        }
        int Int(string name) => int.Parse(Field(name), CultureInfo.InvariantCulture);
        trainer.Restore(Int("step"), Int("epoch"), Int("position"),
            ulong.Parse(Field("sampler_state"), CultureInfo.InvariantCulture),
            Convert.FromBase64String(Field("torch_rng")),
            Field("optimizer_steps").Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray());
    }

    private static string Fingerprint(SupernetTrainer trainer)
    {
        var text = string.Join(";", trainer.Net.named_parameters().Select(p => $"{p.Key}:{string.Join("x", p.Value.shape)}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Checksum(IReadOnlyDictionary<string, Tensor> tensors)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, tensor) in tensors.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(tensor.ToArray<float>().AsSpan()));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
