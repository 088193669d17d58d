namespace DslNas.Training;

/// <summary>
/// Classifier training: optimizer and schedule, and the share of the loss (0 to 1) learnt from a teacher's softened
/// predictions at <see cref="Temperature"/> when one is given.
/// </summary>
public sealed record ClassifierTrainingOptions(
    int Steps = 600,
    double LearningRate = 5e-4,
    double WarmupFraction = 0.1,
    double WeightDecay = 0.01,
    double MaxGradientNorm = 1.0,
    int Seed = 17,
    double DistillationWeight = 0.0,
    double Temperature = 1.0)
{
    public void Validate()
    {
        if (Steps < 1) throw new ArgumentException($"Steps must be at least 1, got {Steps}");
        if (LearningRate <= 0) throw new ArgumentException($"LearningRate must be positive, got {LearningRate}");
        if (DistillationWeight is < 0 or > 1) throw new ArgumentException($"DistillationWeight must lie in [0, 1], got {DistillationWeight}");
        if (Temperature <= 0) throw new ArgumentException($"Temperature must be positive, got {Temperature}");
    }
}
