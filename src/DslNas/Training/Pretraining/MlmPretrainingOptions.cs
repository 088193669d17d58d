namespace DslNas.Training.Pretraining;

/// <summary>
/// Masked-language-model pre-training: steps of <see cref="BatchSize"/> packed sequences, AdamW with linear warmup
/// and decay (BERT's learning rate and weight decay), gradient clipping, BERT's masking probability, the seed of the
/// masks, the batch order and dropout, and how often to checkpoint (0: never).
/// </summary>
public sealed record MlmPretrainingOptions(
    int Steps = 1000,
    double LearningRate = 1e-4,
    double WarmupFraction = 0.1,
    double WeightDecay = 0.01,
    double MaxGradientNorm = 1.0,
    int BatchSize = 32,
    double MaskProbability = 0.15,
    int Seed = 17,
    int CheckpointEvery = 0)
{
    public void Validate()
    {
        if (Steps < 1) throw new ArgumentException($"Steps must be at least 1, got {Steps}");
        if (LearningRate <= 0) throw new ArgumentException($"LearningRate must be positive, got {LearningRate}");
        if (WarmupFraction is < 0 or > 1) throw new ArgumentException($"WarmupFraction must lie in [0, 1], got {WarmupFraction}");
        if (WeightDecay < 0) throw new ArgumentException($"WeightDecay must not be negative, got {WeightDecay}");
        if (MaxGradientNorm <= 0) throw new ArgumentException($"MaxGradientNorm must be positive, got {MaxGradientNorm}");
        if (BatchSize < 1) throw new ArgumentException($"BatchSize must be at least 1, got {BatchSize}");
        if (MaskProbability is <= 0 or >= 1) throw new ArgumentException($"MaskProbability must lie in (0, 1), got {MaskProbability}");
        if (CheckpointEvery < 0) throw new ArgumentException($"CheckpointEvery must not be negative, got {CheckpointEvery}");
    }
}
