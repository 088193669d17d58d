using DslNas.Randomness;
using DslNas.Data.Tasks;

namespace DslNas.Training.Pretraining;

/// <summary>
/// BERT's 80/10/10 masking drawn afresh for every epoch (RoBERTa's dynamic masking). A sequence's masks depend on the
/// seed, the epoch and the sequence's index alone, so a resumed run masks exactly as an uninterrupted one, and
/// held-out text masked at a fixed epoch is scored on the same masks every time.
/// </summary>
public sealed class DynamicMasking(MaskedLanguageModeling masking, int seed)
{
    public (int[] Inputs, int[] Labels) Mask(IReadOnlyList<int> sequence, int epoch, int index) =>
        masking.Mask(sequence, SplitMixRandom.FromKeys(seed, epoch, index));
}
