using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using DslNas.Artifacts;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Torch.Optim;
using DslNas.Torch.Serialization;

namespace DslNas.Training;

/// <summary>
/// What a training checkpoint holds and must match: a module and its AdamW optimizer, the format string, the name of
/// what is trained (for messages), the training options as JSON and, optionally, a fingerprint of the training data.
/// </summary>
internal sealed record CheckpointSubject(string Format, string Name, Module Model, AdamW Optimizer, string Options, string? Data = null);

/// <summary>
/// A training checkpoint in one safetensors file: the module's weights ("model.*"), AdamW's moments ("adam.m.*",
/// "adam.v.*"), and in the metadata the trainer's own counters, the optimizer step counts, libtorch's random state,
/// the options, a fingerprint of the module's parameter names and shapes (and of the data, when given) and a SHA-256
/// checksum of the tensors. Written atomically (<see cref="AtomicFile"/>), so neither a kill nor a failed write
/// destroys the last good one. A corrupt checkpoint, or one of another model, other options or other data, is
/// refused with the reason before anything is restored.
/// </summary>
internal static class TrainingCheckpoint
{
    public static void Save(string path, CheckpointSubject subject, IReadOnlyDictionary<string, string> counters)
    {
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, parameter) in subject.Model.named_parameters()) tensors["model." + name] = parameter;
        for (var i = 0; i < subject.Optimizer.ExpAvg.Count; i++)
        {
            tensors[$"adam.m.{i:D5}"] = subject.Optimizer.ExpAvg[i];
            tensors[$"adam.v.{i:D5}"] = subject.Optimizer.ExpAvgSq[i];
        }
        var metadata = new Dictionary<string, string>(counters)
        {
            ["format"] = subject.Format,
            ["fingerprint"] = Fingerprint(subject.Model),
            ["options"] = subject.Options,
            ["optimizer_steps"] = string.Join(",", subject.Optimizer.Steps),
            ["torch_rng"] = Convert.ToBase64String(torch.get_rng_state()),
            ["checksum"] = Checksum(tensors),
        };
        if (subject.Data is not null) metadata["data"] = subject.Data;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.Write(path, stream => SafeTensors.Write(stream, tensors, metadata));
    }

    /// <summary>
    /// Checks the checkpoint against the subject (and that it has the trainer's <paramref name="counters"/>), then
    /// restores the weights, the optimizer's moments and step counts and libtorch's random state; returns the metadata
    /// for the trainer to restore its own counters from.
    /// </summary>
    public static CheckpointFields Load(string path, CheckpointSubject subject, IEnumerable<string> counters)
    {
        using var file = SafeTensors.Load(path);
        var fields = new CheckpointFields(path, subject.Name, file.Metadata);
        if (fields.Text("format") != subject.Format)
            throw new InvalidDataException($"{path}: checkpoint format '{fields.Text("format")}' is not {subject.Format}");
        if (fields.Text("fingerprint") != Fingerprint(subject.Model))
            throw new InvalidDataException($"{path}: the checkpoint belongs to another {subject.Name} (its parameter names or shapes differ from this one's)");
        if (fields.Text("options") != subject.Options)
            throw new InvalidDataException($"{path}: the checkpoint was trained with other options ({fields.Text("options")}), not {subject.Options}");
        if (subject.Data is not null && fields.Text("data") != subject.Data)
            throw new InvalidDataException($"{path}: the checkpoint was trained on other data (its data fingerprint differs from this corpus's)");
        if (fields.Text("checksum") != Checksum(file.Tensors))
            throw new InvalidDataException($"{path}: the checksum does not match the tensors; the file is corrupt");
        foreach (var counter in counters) fields.Text(counter);

        var optimizerSteps = fields.Text("optimizer_steps").Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var randomState = Convert.FromBase64String(fields.Text("torch_rng"));
        using (torch.no_grad())
        {
            foreach (var (name, parameter) in subject.Model.named_parameters()) parameter.copy_(file.Tensors["model." + name]);
            for (var i = 0; i < subject.Optimizer.ExpAvg.Count; i++)
            {
                subject.Optimizer.ExpAvg[i].copy_(file.Tensors[$"adam.m.{i:D5}"]);
                subject.Optimizer.ExpAvgSq[i].copy_(file.Tensors[$"adam.v.{i:D5}"]);
            }
        }
        subject.Optimizer.SetSteps(optimizerSteps);
        torch.set_rng_state(randomState);
        return fields;
    }

    /// <summary>One metadata field of a checkpoint, or null when it has none (a field later versions added).</summary>
    public static string? Peek(string path, string name)
    {
        using var file = SafeTensors.Load(path);
        return file.Metadata.TryGetValue(name, out var value) ? value : null;
    }

    private static string Fingerprint(Module model)
    {
        var text = string.Join(";", model.named_parameters().Select(p => $"{p.Key}:{string.Join("x", p.Value.shape)}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Checksum(IReadOnlyDictionary<string, Tensor> tensors)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, tensor) in tensors.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name));
            hash.AppendData(MemoryMarshal.AsBytes(tensor.ToArray<float>().AsSpan()));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}

/// <summary>A checkpoint's metadata, read by name; a missing field means the file is not a checkpoint of this kind.</summary>
internal sealed class CheckpointFields(string path, string subject, IReadOnlyDictionary<string, string> metadata)
{
    public string Text(string name) => metadata.TryGetValue(name, out var value)
        ? value
        : throw new InvalidDataException($"{path}: not a DslNas {subject} checkpoint (no '{name}' in its metadata)");

    public int Int(string name) => int.Parse(Text(name), CultureInfo.InvariantCulture);

    public ulong UInt64(string name) => ulong.Parse(Text(name), CultureInfo.InvariantCulture);
}
