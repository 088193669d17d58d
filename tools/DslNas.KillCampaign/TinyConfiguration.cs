namespace DslNas.KillCampaign;

/// <summary>
/// The campaign's default configuration: one-shot on <see cref="KillTiny"/> through this program's own driver, a
/// small labelled file, a supernet trained for 30 steps (a checkpoint every 3) and NSGA-II over a simulated device,
/// whose latency is a deterministic function of the architecture, so that runs with the same seed compare byte for byte.
/// </summary>
public static class TinyConfiguration
{
    /// <summary>This program as a driver: dotnet runs it with the "driver" verb first.</summary>
    public static string[] Driver => [typeof(TinyConfiguration).Assembly.Location, "driver"];

    public static string[] Flags(string data) =>
    [
        "--method", "one-shot", "--space", "kill-tiny", "--data", data, "--teacher", "none", "--vocabulary", "60", "--max-length", "16", "--batch", "8",
        "--steps", "30", "--learning-rate", "0.003", "--population", "4", "--generations", "3", "--latency", "device:mobile-cpu", "--latency-budget", "1000",
        "--ignore-health", "--seed", "3",
    ];

    /// <summary>Writes the labelled file: spam mentions money, ham mentions meetings.</summary>
    public static void WriteData(string path)
    {
        string[] spam = ["win money now", "free cash offer", "claim your prize money", "cheap loans today"];
        string[] ham = ["meeting at noon", "see the notes from the meeting", "lunch tomorrow with the team", "the build is green"];
        File.WriteAllLines(path, ["text\tlabel", .. Enumerable.Range(0, 80).Select(i => i % 2 == 0 ? $"{spam[i / 2 % 4]} {i}\tspam" : $"{ham[i / 2 % 4]} {i}\tham")]);
    }
}
