namespace DslNas.Runs;

/// <summary>Fine-tuning of extracted models as standalone classifiers before they are scored on the test split.</summary>
public sealed record FineTuneOptions(int Steps = 100, double LearningRate = 5e-4)
{
    public void Validate()
    {
        if (Steps < 0) throw new ArgumentException($"--fine-tune-steps must not be negative, got {Steps}");
        if (LearningRate <= 0) throw new ArgumentException($"--fine-tune-learning-rate must be positive, got {LearningRate}");
    }
}
