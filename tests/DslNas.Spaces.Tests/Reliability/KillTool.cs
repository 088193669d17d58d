using System.Diagnostics;

namespace DslNas.Spaces.Tests.Reliability;

/// <summary>
/// The kill campaign tool (tools/DslNas.KillCampaign), built beside this test assembly's configuration, run as its own
/// process: as the campaign, or as a driver over its kill-tiny space (its "driver" verb), a real second process.
/// </summary>
internal static class KillTool
{
    public static string Assembly
    {
        get
        {
            var tests = Path.GetDirectoryName(typeof(KillTool).Assembly.Location)!;
            var configuration = new DirectoryInfo(tests).Parent!.Name;
            var root = tests[..tests.IndexOf($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal)];
            return Path.Combine(root, "tools", "DslNas.KillCampaign", "bin", configuration, "net10.0", "DslNas.KillCampaign.dll");
        }
    }

    /// <summary>The flags of a tiny one-shot run on kill-tiny (30 steps, a checkpoint every 3).</summary>
    public static string[] Flags(string run, string data) =>
    [
        "--run", run, "--method", "one-shot", "--space", "kill-tiny", "--data", data, "--teacher", "none", "--vocabulary", "60", "--max-length", "16",
        "--batch", "8", "--steps", "30", "--population", "4", "--generations", "2", "--latency", "device:mobile-cpu", "--latency-budget", "1000", "--ignore-health",
    ];

    /// <summary>
    /// Starts the tool with <paramref name="args"/>; <paramref name="unprivileged"/> runs it without the power to
    /// write where permissions forbid it, even when the tests run as root (in a user namespace, as an ordinary user);
    /// <paramref name="cache"/> is its cache directory (DSLNAS_CACHE), where a pre-trained teacher goes.
    /// </summary>
    public static Process Start(IEnumerable<string> args, bool unprivileged = false, string? cache = null)
    {
        var start = new ProcessStartInfo(unprivileged && Environment.IsPrivilegedProcess ? "unshare" : "dotnet")
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (start.FileName == "unshare")
            foreach (var argument in new[] { "--user", "--map-user=65534", "--map-group=65534", "dotnet" }) start.ArgumentList.Add(argument);
        start.Environment["DSLNAS_THREADS"] = "1";
        if (cache is not null) start.Environment["DSLNAS_CACHE"] = cache;
        start.ArgumentList.Add(Assembly);
        foreach (var argument in args) start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    public static (int Code, string Output, string Error) Run(IEnumerable<string> args, bool unprivileged = false, string? cache = null)
    {
        using var process = Start(args, unprivileged, cache);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
