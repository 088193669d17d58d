namespace DslNas.KillCampaign;

/// <summary>
/// A kill campaign: the driver (what dotnet runs before the verb: a generated driver's .dll) and the verbs it runs in
/// order on one run directory with
/// the same flags; runs (trials) killed at random moments drawn from <see cref="Seed"/>, each uniform over the time the
/// verb took in the uninterrupted run, at most <see cref="KillsPerVerb"/> per verb of a run, until <see cref="KillPoints"/>
/// kills have hit a running process. A verb may hold several words ("stage grid"). The <see cref="Volatile"/> fields are
/// left out of the comparison with the reference.
/// </summary>
public sealed record KillCampaignSettings(IReadOnlyList<string> Driver, IReadOnlyList<string> Verbs, IReadOnlyList<string> Flags, int KillPoints, int KillsPerVerb, int Seed,
    string WorkDirectory, IReadOnlyList<VolatileField> Volatile)
{
    public void Validate()
    {
        if (Driver.Count == 0 || !File.Exists(Driver[0])) throw new ArgumentException($"--driver {Driver.FirstOrDefault()}: no such file; build the driver first (dotnet build -c Release)");
        if (Verbs.Count == 0) throw new ArgumentException("--verbs names no verb");
        if (KillPoints < 1) throw new ArgumentException($"--kill-points must be at least 1, got {KillPoints}");
        if (KillsPerVerb < 1) throw new ArgumentException($"--kills must be at least 1, got {KillsPerVerb}");
    }
}
