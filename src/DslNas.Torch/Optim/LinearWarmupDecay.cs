namespace DslNas.Torch.Optim;

/// <summary>
/// Linear warmup from 0 to the peak rate over <c>warmupSteps</c>, then linear decay to 0 at <c>totalSteps</c>
/// (as transformers' get_linear_schedule_with_warmup). Call <see cref="Step"/> after each optimizer step.
/// </summary>
public sealed class LinearWarmupDecay
{
    private readonly Optimizer optimizer;

    public LinearWarmupDecay(Optimizer optimizer, double peakLearningRate, int warmupSteps, int totalSteps)
    {
        if (totalSteps < 1) throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "the schedule needs at least one step");
        if (warmupSteps < 0 || warmupSteps > totalSteps)
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, $"warmup must lie in [0, {totalSteps}]");
        this.optimizer = optimizer;
        PeakLearningRate = peakLearningRate;
        WarmupSteps = warmupSteps;
        TotalSteps = totalSteps;
        optimizer.LearningRate = RateAt(0);
    }

    public double PeakLearningRate { get; }
    public int WarmupSteps { get; }
    public int TotalSteps { get; }

    /// <summary>Optimizer steps taken so far.</summary>
    public int StepCount { get; private set; }

    public double RateAt(int step) =>
        step < WarmupSteps
            ? PeakLearningRate * step / Math.Max(1, WarmupSteps)
            : PeakLearningRate * Math.Max(0.0, (double)(TotalSteps - step) / Math.Max(1, TotalSteps - WarmupSteps));

    public void Step()
    {
        StepCount++;
        optimizer.LearningRate = RateAt(StepCount);
    }

    /// <summary>Continues from a saved step count.</summary>
    public void Resume(int stepCount)
    {
        if (stepCount < 0) throw new ArgumentOutOfRangeException(nameof(stepCount), stepCount, "the step count must not be negative");
        StepCount = stepCount;
        optimizer.LearningRate = RateAt(StepCount);
    }
}
