namespace DslNas.KillCampaign;

/// <summary>
/// One run killed at random moments: the kills that hit a running process, the moments that came after the process
/// had finished (missed), the kills after which the verb resumed and completed, and how its result compares.
/// </summary>
public sealed record KillTrial(int Index, int Kills, int Missed, int Resumed, int StaleLocksRecovered, IReadOnlyList<string> Differences, IReadOnlyList<string> Leftovers)
{
    public bool Identical => Differences.Count == 0;
}

/// <summary>What a campaign found, over every trial.</summary>
public sealed record KillCampaignResult(IReadOnlyList<KillTrial> Trials, IReadOnlyDictionary<string, TimeSpan> ReferenceTimes)
{
    public int Missed => Trials.Sum(t => t.Missed);
    public int Kills => Trials.Sum(t => t.Kills);
    public int Resumed => Trials.Sum(t => t.Resumed);
    public int StaleLocksRecovered => Trials.Sum(t => t.StaleLocksRecovered);
    public int Identical => Trials.Count(t => t.Identical);
}

/// <summary>
/// Kill and resume: runs the verbs once uninterrupted (the reference), then trials until the kill points are spent:
/// each runs the verbs on a fresh run directory, killing the running verb with SIGKILL at random moments and running it
/// again (it resumes) until it completes, then compares every file of the run with the reference's, byte for byte.
/// </summary>
public static class KillCampaignRunner
{
    public static KillCampaignResult Run(KillCampaignSettings settings, Action<string>? log = null)
    {
        settings.Validate();
        Directory.CreateDirectory(settings.WorkDirectory);
        var reference = Path.Combine(settings.WorkDirectory, "reference");
        var times = new Dictionary<string, TimeSpan>();
        foreach (var verb in settings.Verbs) times[verb] = Completed(settings, reference, verb, DriverProcess.Run(settings.Driver, verb, Flags(settings, reference))).Elapsed;
        log?.Invoke($"reference: {string.Join(", ", times.Select(t => $"{t.Key} {t.Value.TotalSeconds:F1} s"))}");
        var random = new Random(settings.Seed);
        var trials = new List<KillTrial>();
        while (trials.Sum(t => t.Kills) < settings.KillPoints)
        {
            var trial = Trial(settings, trials.Count, settings.KillPoints - trials.Sum(t => t.Kills), times, random, log);
            trials.Add(trial);
            if (trials.Count >= 3 && trials.TakeLast(3).All(t => t.Kills == 0))
                throw new InvalidOperationException("no kill point of three runs in a row found a process running; the verbs finish well before their reference times");
            log?.Invoke($"trial {trial.Index}: {trial.Kills} kills, {trial.Missed} missed, {trial.Resumed} resumed, " +
                        (trial.Identical ? "identical to the reference" : $"DIFFERS: {string.Join("; ", trial.Differences)}"));
        }
        return new KillCampaignResult(trials, times);
    }

    private static KillTrial Trial(KillCampaignSettings settings, int index, int killPoints, IReadOnlyDictionary<string, TimeSpan> times, Random random, Action<string>? log)
    {
        var run = Path.Combine(settings.WorkDirectory, $"trial-{index + 1}");
        if (Directory.Exists(run)) Directory.Delete(run, recursive: true);
        var (kills, missed, resumed) = (0, 0, 0);
        foreach (var verb in settings.Verbs)
        {
            var killsOfVerb = 0;
            while (true)
            {
                TimeSpan? killAfter = kills < killPoints && killsOfVerb < settings.KillsPerVerb ? times[verb] * random.NextDouble() : null;
                var exit = DriverProcess.Run(settings.Driver, verb, Flags(settings, run), killAfter);
                log?.Invoke($"  {verb}: " + (exit.Killed ? $"killed after {exit.Elapsed.TotalSeconds:F2} s" : $"exited {exit.Code} after {exit.Elapsed.TotalSeconds:F2} s" +
                    (killAfter is { } missedAt ? $" (before its kill point at {missedAt.TotalSeconds:F2} s)" : "")));
                if (exit.Killed)
                {
                    kills++;
                    killsOfVerb++;
                    continue;
                }
                Completed(settings, run, verb, exit);
                if (killAfter is not null) missed++;
                break;
            }
            resumed += killsOfVerb;
        }
        var runLog = Path.Combine(run, "run.log");
        var recovered = File.Exists(runLog) ? File.ReadLines(runLog).Count(l => l.Contains("recovered the lock", StringComparison.Ordinal)) : 0;
        return new KillTrial(index + 1, kills, missed, resumed, recovered,
            RunDirectoryComparison.Differences(Path.Combine(settings.WorkDirectory, "reference"), run, settings.Volatile), RunDirectoryComparison.Leftovers(run));
    }

    private static DriverExit Completed(KillCampaignSettings settings, string run, string verb, DriverExit exit) =>
        exit.Code == 0 ? exit : throw new InvalidOperationException($"'{verb}' on {run} exited with {exit.Code}: {exit.Error.Trim()}");

    private static List<string> Flags(KillCampaignSettings settings, string run) => ["--run", run, .. settings.Flags];
}
