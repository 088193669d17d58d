using System.Diagnostics;

namespace DslNas.KillCampaign;

/// <summary>How a driver process ended: its exit code (null when it was killed), its standard error, and how long it ran.</summary>
public sealed record DriverExit(int? Code, string Error, TimeSpan Elapsed)
{
    public bool Killed => Code is null;
}

/// <summary>
/// Runs one verb of a driver (its words: "search", or "stage grid") as its own process (dotnet driver.dll [driver] verb
/// flags...), optionally killing it with SIGKILL after a delay.
/// </summary>
public static class DriverProcess
{
    public static DriverExit Run(IReadOnlyList<string> driver, string verb, IReadOnlyList<string> flags, TimeSpan? killAfter = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // One intra-op thread unless told otherwise: many short processes on shared cores run far faster without spinning thread pools.
        if (Environment.GetEnvironmentVariable("DSLNAS_THREADS") is null) start.Environment["DSLNAS_THREADS"] = "1";
        foreach (var argument in driver) start.ArgumentList.Add(argument);
        foreach (var word in verb.Split(' ', StringSplitOptions.RemoveEmptyEntries)) start.ArgumentList.Add(word);
        foreach (var flag in flags) start.ArgumentList.Add(flag);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start dotnet {string.Join(" ", driver)}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (killAfter is { } delay && !process.WaitForExit(delay))
        {
            // Process.Kill sends SIGKILL on Unix: no handler, no flush, no finally block runs.
            process.Kill();
            process.WaitForExit();
            Task.WaitAll(output, error);
            return new DriverExit(null, error.Result, clock.Elapsed);
        }
        process.WaitForExit();
        Task.WaitAll(output, error);
        return new DriverExit(process.ExitCode, error.Result, clock.Elapsed);
    }
}
