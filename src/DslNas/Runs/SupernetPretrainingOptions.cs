namespace DslNas.Runs;

/// <summary>
/// MLM pre-training of the whole supernet (sandwich rule, in-place distillation on the MLM logits) on the teacher's
/// corpus, after its initialization and before it learns the task: <see cref="Steps"/> 0 skips it.
/// </summary>
public sealed record SupernetPretrainingOptions(int Steps = 0, double LearningRate = 1e-4, int BatchSize = 32)
{
    public void Validate()
    {
        if (Steps < 0) throw new ArgumentException($"--supernet-mlm-steps must not be negative, got {Steps}");
        if (LearningRate <= 0) throw new ArgumentException($"the supernet's MLM learning rate must be positive, got {LearningRate}");
        if (BatchSize < 1) throw new ArgumentException($"the supernet's MLM batch size must be positive, got {BatchSize}");
    }
}
