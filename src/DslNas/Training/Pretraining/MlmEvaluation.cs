using DslNas.Data.Tasks;
using DslNas.Data.Text;
using DslNas.Torch;

namespace DslNas.Training.Pretraining;

/// <summary>Held-out masked-language-model figures: mean loss per masked token, accuracy on masked tokens, perplexity = exp(loss).</summary>
public sealed record MlmScore(double Loss, double Accuracy, double Perplexity, long MaskedTokens);

/// <summary>
/// Scores masked language models on held-out sequences masked once, from a seed of their own: every model, and every
/// evaluation of one model during training, is scored on the same masks, so the figures are comparable.
/// </summary>
public sealed class MlmEvaluation
{
    private readonly (int[] Inputs, int[] Labels)[] masked;
    private readonly int paddingId;
    private readonly int batchSize;

    public MlmEvaluation(IReadOnlyList<int[]> sequences, Vocabulary vocabulary, double maskProbability = 0.15, int seed = 0, int batchSize = 32)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "the batch size must be positive");
        var masking = new DynamicMasking(new MaskedLanguageModeling(vocabulary, maskProbability), seed);
        masked = sequences.Select((sequence, index) => masking.Mask(sequence, epoch: 0, index)).ToArray();
        if (!masked.Any(m => m.Labels.Any(l => l != MaskedLanguageModeling.Ignore)))
            throw new ArgumentException($"the {sequences.Count} held-out sequences have no masked token to score; give more held-out text", nameof(sequences));
        paddingId = vocabulary.PaddingId;
        this.batchSize = batchSize;
    }

    /// <summary>Scores a pre-trained model in eval mode.</summary>
    public MlmScore Evaluate(MlmModel model)
    {
        model.eval();
        return Evaluate((ids, keepMask) => model.encoder.forward(ids, keepMask), model.Decode);
    }

    /// <summary>
    /// Scores a model given as its hidden states [batch, seq, hidden] and its decoder (hidden states to token logits),
    /// without autograd; only the masked positions are decoded.
    /// </summary>
    public MlmScore Evaluate(Func<Tensor, Tensor?, Tensor> hidden, Func<Tensor, Tensor> decode) =>
        Score(batch =>
        {
            var states = hidden(batch.Ids, batch.KeepMask);
            return (decode(states.reshape(-1, states.size(-1)).index_select(0, batch.MaskedPositions)), batch.MaskedLabels);
        });

    /// <summary>Scores any masked language model given as its token logits [batch, seq, vocabulary] (a supernet's subnet, say), without autograd.</summary>
    public MlmScore Evaluate(Func<Tensor, Tensor?, Tensor> logits) => Score(batch => (logits(batch.Ids, batch.KeepMask), batch.Labels));

    private MlmScore Score(Func<MlmBatch, (Tensor Logits, Tensor Labels)> predict)
    {
        using var noGrad = torch.no_grad();
        double lossSum = 0;
        double correct = 0;
        long count = 0;
        foreach (var chunk in masked.Chunk(batchSize))
        {
            using var batch = MlmBatch.Make(chunk, paddingId);
            using var scope = torch.NewDisposeScope();
            var (logits, labels) = predict(batch);
            var (loss, accuracy, chosen) = MaskedLanguageModeling.Score(logits, labels);
            lossSum += loss * chosen;
            correct += accuracy * chosen;
            count += chosen;
        }
        var mean = lossSum / count;
        return new MlmScore(mean, correct / count, Math.Exp(mean), count);
    }
}
