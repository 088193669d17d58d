namespace DslNas.Runs;

/// <summary>
/// How one invocation spreads over ranks: <see cref="Processes"/> local ranks started by the driver (1: this process
/// alone, unless the environment names its rank as torchrun does), and how long a rank waits for the others before it
/// stops with an error. Belongs to the launch, not to the run: never saved in run.json nor compared with it.
/// </summary>
public sealed record DistributedOptions(int Processes = 1, double TimeoutSeconds = 60)
{
    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public void Validate()
    {
        if (Processes < 1) throw new RunInputException($"--nproc must be at least 1 (the number of local ranks), got {Processes}");
        if (!(TimeoutSeconds > 0)) throw new RunInputException($"--dist-timeout must be a positive number of seconds, got {TimeoutSeconds}");
    }
}
