namespace DslNas.Training;

/// <summary>One-shot supernet training: optimizer, schedule, sandwich rule, LengthDrop, LayerDrop and checkpoints.</summary>
public sealed record SupernetTrainingOptions(
    int Steps = 300,
    double LearningRate = 1.5e-4,
    double WarmupFraction = 0.1,
    double WeightDecay = 0.01,
    double MaxGradientNorm = 1.0,
    int GradientAccumulation = 1,
    int RandomSubnets = 2,
    double LengthDrop = 0.2,
    double LayerDrop = 0.0,
    int Seed = 17,
    int CheckpointEvery = 0)
{
    public void Validate()
    {
        if (Steps < 1) throw new ArgumentException($"Steps must be at least 1, got {Steps}");
        if (GradientAccumulation < 1) throw new ArgumentException($"GradientAccumulation must be at least 1, got {GradientAccumulation}");
        if (LengthDrop is < 0 or >= 1) throw new ArgumentException($"LengthDrop must lie in [0, 1), got {LengthDrop}");
        if (LayerDrop is < 0 or >= 1) throw new ArgumentException($"LayerDrop must lie in [0, 1), got {LayerDrop}");
        if (RandomSubnets < 0) throw new ArgumentException($"RandomSubnets must not be negative, got {RandomSubnets}");
    }
}
