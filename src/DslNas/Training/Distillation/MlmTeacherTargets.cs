using System.Runtime.InteropServices;
using System.Security.Cryptography;
using DslNas.Torch;
using DslNas.Training.Pretraining;

namespace DslNas.Training.Distillation;

/// <summary>
/// The teacher's soft targets of a masked batch, log-softmax(t/τ) over its masked positions, kept for the batches seen
/// before: students that train on the same batches (Bort's candidates: the same steps, order, masks and seed) pay for
/// the teacher's forward once. A batch is recognised by its ids, keep-mask and masked positions; the teacher runs in eval mode, so
/// a kept target equals a recomputed one bit for bit. Past <see cref="CapacityBytes"/> new targets are computed and not kept.
/// </summary>
public sealed class MlmTeacherTargets : IDisposable
{
    private readonly Dictionary<string, Tensor> kept = [];

    public MlmTeacherTargets(MlmTeacher teacher, double temperature, long capacityBytes = 1L << 30)
    {
        if (temperature <= 0) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "the temperature must be positive");
        if (capacityBytes < 0) throw new ArgumentOutOfRangeException(nameof(capacityBytes), capacityBytes, "the capacity must not be negative");
        Teacher = teacher;
        Temperature = temperature;
        CapacityBytes = capacityBytes;
    }

    public MlmTeacher Teacher { get; }
    public double Temperature { get; }
    public long CapacityBytes { get; }

    /// <summary>Bytes held by the kept targets.</summary>
    public long KeptBytes { get; private set; }

    /// <summary>Batches whose targets came from those kept, and batches the teacher ran on.</summary>
    public int Hits { get; private set; }
    public int Misses { get; private set; }

    /// <summary>
    /// The targets [masked, vocabulary] of <paramref name="batch"/>, without autograd. A kept tensor belongs to this
    /// object and outlives any dispose scope; one not kept is the caller's, in the caller's scope.
    /// </summary>
    public Tensor For(MlmBatch batch)
    {
        var key = Key(batch);
        if (kept.TryGetValue(key, out var target))
        {
            Hits++;
            return target;
        }
        Misses++;
        using (torch.no_grad())
        {
            var hidden = Teacher.Hidden(batch.Ids, batch.KeepMask);
            target = Teacher.Logits(hidden.reshape(-1, hidden.size(-1)).index_select(0, batch.MaskedPositions)).div(Temperature).log_softmax(-1);
        }
        var bytes = target.numel() * sizeof(float);
        if (KeptBytes + bytes > CapacityBytes) return target;
        kept[key] = target.DetachFromDisposeScope();
        KeptBytes += bytes;
        return target;
    }

    private static string Key(MlmBatch batch)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(batch.Ids.shape.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(batch.Ids.ToArray<long>().AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(batch.KeepMask.ToArray<long>().AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(batch.MaskedPositions.ToArray<long>().AsSpan()));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public void Dispose()
    {
        foreach (var target in kept.Values) target.Dispose();
        kept.Clear();
        KeptBytes = 0;
    }
}
