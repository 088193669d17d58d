using DslNas.Data.Tasks;
using DslNas.Torch;

namespace DslNas.Training.Pretraining;

/// <summary>
/// Masked sequences as tensors: inputs [batch, length] padded to the longest, the keep-mask (1 = token, 0 = padding),
/// the labels [batch, length] (<see cref="MaskedLanguageModeling.Ignore"/> where nothing is predicted), and the flat
/// positions [masked] of the predicted tokens with their labels [masked], so that the decoder runs on those alone.
/// </summary>
public sealed class MlmBatch : IDisposable
{
    private MlmBatch(Tensor ids, Tensor keepMask, Tensor labels, Tensor maskedPositions, Tensor maskedLabels)
    {
        Ids = ids;
        KeepMask = keepMask;
        Labels = labels;
        MaskedPositions = maskedPositions;
        MaskedLabels = maskedLabels;
    }

    public Tensor Ids { get; }
    public Tensor KeepMask { get; }
    public Tensor Labels { get; }
    public Tensor MaskedPositions { get; }
    public Tensor MaskedLabels { get; }
    public long MaskedCount => MaskedPositions.size(0);

    public static MlmBatch Make(IReadOnlyList<(int[] Inputs, int[] Labels)> sequences, int paddingId)
    {
        if (sequences.Count == 0) throw new ArgumentException("a batch needs at least one sequence", nameof(sequences));
        var length = sequences.Max(s => s.Inputs.Length);
        var ids = new long[sequences.Count * length];
        var keep = new long[ids.Length];
        var labels = new long[ids.Length];
        var positions = new List<long>();
        var maskedLabels = new List<long>();
        for (var row = 0; row < sequences.Count; row++)
        {
            var (inputs, rowLabels) = sequences[row];
            for (var column = 0; column < length; column++)
            {
                var at = row * length + column;
                var real = column < inputs.Length;
                ids[at] = real ? inputs[column] : paddingId;
                keep[at] = real ? 1 : 0;
                labels[at] = real ? rowLabels[column] : MaskedLanguageModeling.Ignore;
                if (labels[at] == MaskedLanguageModeling.Ignore) continue;
                positions.Add(at);
                maskedLabels.Add(labels[at]);
            }
        }
        long[] shape = [sequences.Count, length];
        return new MlmBatch(
            torch.tensor(ids, shape).DetachFromDisposeScope(),
            torch.tensor(keep, shape).DetachFromDisposeScope(),
            torch.tensor(labels, shape).DetachFromDisposeScope(),
            torch.tensor(positions.ToArray()).DetachFromDisposeScope(),
            torch.tensor(maskedLabels.ToArray()).DetachFromDisposeScope());
    }

    public void Dispose()
    {
        Ids.Dispose();
        KeepMask.Dispose();
        Labels.Dispose();
        MaskedPositions.Dispose();
        MaskedLabels.Dispose();
    }
}
