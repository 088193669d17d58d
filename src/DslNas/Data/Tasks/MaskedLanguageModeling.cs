using DslNas.Data.Text;
using DslNas.Torch;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Data.Tasks;

/// <summary>
/// BERT's masked-language-model corruption: each ordinary token is chosen with probability 15%; a chosen token
/// becomes [MASK] 80% of the time, a random ordinary token 10%, and stays 10%. Labels hold the original id at
/// chosen positions and <see cref="Ignore"/> elsewhere (the cross-entropy ignore index). Special tokens and
/// padding are never chosen.
/// </summary>
public sealed class MaskedLanguageModeling(Vocabulary vocabulary, double probability = 0.15)
{
    public const int Ignore = -100;

    private readonly HashSet<int> special = Vocabulary.SpecialTokens.Select(t => vocabulary[t]).ToHashSet();

    public (int[] Inputs, int[] Labels) Mask(IReadOnlyList<int> ids, Random random)
    {
        var inputs = ids.ToArray();
        var labels = Enumerable.Repeat(Ignore, ids.Count).ToArray();
        for (var i = 0; i < inputs.Length; i++)
        {
            if (special.Contains(inputs[i]) || random.NextDouble() >= probability) continue;
            labels[i] = inputs[i];
            var roll = random.NextDouble();
            if (roll < 0.8) inputs[i] = vocabulary.MaskId;
            else if (roll < 0.9) inputs[i] = RandomOrdinaryToken(random);
        }
        return (inputs, labels);
    }

    /// <summary>
    /// Mean cross entropy and accuracy over the chosen positions, from logits [batch, seq, vocab] and labels [batch, seq],
    /// and how many positions were chosen (to weigh batches when averaging over many).
    /// </summary>
    public static (double Loss, double Accuracy, long Count) Score(Tensor logits, Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        var vocabularySize = logits.size(-1);
        var flatLogits = logits.reshape(-1, vocabularySize);
        var flatLabels = labels.reshape(-1);
        var chosen = flatLabels.ne(Ignore);
        var count = chosen.sum().item<long>();
        if (count == 0) return (0, 0, 0);
        var loss = F.cross_entropy(flatLogits, flatLabels, ignore_index: Ignore).item<double>();
        var correct = flatLogits.argmax(1).eq(flatLabels).logical_and(chosen).sum().item<long>();
        return (loss, (double)correct / count, count);
    }

    private int RandomOrdinaryToken(Random random)
    {
        while (true)
        {
            var id = random.Next(vocabulary.Count);
            if (!special.Contains(id)) return id;
        }
    }
}
