namespace DslNas.Training;

public sealed record ClassifierTrainingOptions(
    int Steps = 600,
    double LearningRate = 5e-4,
    double WarmupFraction = 0.1,
    double WeightDecay = 0.01,
    double MaxGradientNorm = 1.0,
    int Seed = 17);
