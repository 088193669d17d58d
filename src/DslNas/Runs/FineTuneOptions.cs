namespace DslNas.Runs;

/// <summary>
/// Fine-tuning of extracted models as standalone classifiers before they are scored on the test split.
/// <see cref="Distillation"/> is the share of the loss learnt from the fine-tuned largest architecture's softened
/// predictions (temperature <see cref="Temperature"/>) by the chosen model and the uniform baseline; 0 trains on labels only.
/// <see cref="Weights"/> says whether the chosen model keeps the supernet's weights or is retrained like the uniform baseline
/// (the default: on sotu-era it scored 1.7 points higher in each of 3 seeds; docs/performance.md).
/// </summary>
public sealed record FineTuneOptions(int Steps = 100, double LearningRate = 5e-4, double Distillation = 0.5, double Temperature = 2.0,
    ChosenWeights Weights = ChosenWeights.Retrained)
{
    public void Validate()
    {
        if (Steps < 0) throw new ArgumentException($"--fine-tune-steps must not be negative, got {Steps}");
        if (LearningRate <= 0) throw new ArgumentException($"--fine-tune-learning-rate must be positive, got {LearningRate}");
        if (Distillation is < 0 or > 1) throw new ArgumentException($"--fine-tune-distillation must lie in [0, 1], got {Distillation}");
        if (Temperature <= 0) throw new ArgumentException($"--distillation-temperature must be positive, got {Temperature}");
    }
}
