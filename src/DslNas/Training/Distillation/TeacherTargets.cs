using System.Runtime.InteropServices;
using System.Security.Cryptography;
using DslNas.Torch;

namespace DslNas.Training.Distillation;

/// <summary>
/// A teacher's soft targets at a temperature, kept by batch for students that train on the same batches: each batch's
/// targets are computed once. A batch is recognised by a key over the contents of its input tensors
/// (<see cref="Key"/>); past <see cref="CapacityBytes"/> new targets are computed and not kept.
/// </summary>
public abstract class TeacherTargets : IDisposable
{
    private readonly Dictionary<string, Tensor> kept = [];

    protected TeacherTargets(double temperature, long capacityBytes)
    {
        if (temperature <= 0) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "the temperature must be positive");
        if (capacityBytes < 0) throw new ArgumentOutOfRangeException(nameof(capacityBytes), capacityBytes, "the capacity must not be negative");
        Temperature = temperature;
        CapacityBytes = capacityBytes;
    }

    public double Temperature { get; }
    public long CapacityBytes { get; }

    /// <summary>Bytes held by the kept targets.</summary>
    public long KeptBytes { get; private set; }

    /// <summary>Batches whose targets came from those kept, and batches the teacher ran on.</summary>
    public int Hits { get; private set; }
    public int Misses { get; private set; }

    /// <summary>
    /// The kept targets of the batch <paramref name="key"/> names, or those <paramref name="compute"/> returns (float,
    /// without autograd); without capacity the key is not computed. A kept tensor belongs to this object and outlives
    /// any dispose scope; one not kept is the caller's, in the caller's scope.
    /// </summary>
    protected Tensor For(Func<string> key, Func<Tensor> compute)
    {
        if (CapacityBytes == 0)
        {
            Misses++;
            return compute();
        }
        var name = key();
        if (kept.TryGetValue(name, out var target))
        {
            Hits++;
            return target;
        }
        Misses++;
        target = compute();
        var bytes = target.numel() * sizeof(float);
        if (KeptBytes + bytes > CapacityBytes) return target;
        kept[name] = target.DetachFromDisposeScope();
        KeptBytes += bytes;
        return target;
    }

    /// <summary>A SHA-256 key over the shapes and contents of integer (Int64) tensors.</summary>
    protected static string Key(params Tensor[] parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(MemoryMarshal.AsBytes(part.shape.AsSpan()));
            hash.AppendData(MemoryMarshal.AsBytes(part.ToArray<long>().AsSpan()));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public void Dispose()
    {
        foreach (var target in kept.Values) target.Dispose();
        kept.Clear();
        KeptBytes = 0;
    }
}
