using DslNas.Search.Lengths;

namespace DslNas.Spaces.Tests;

/// <summary>
/// One tiny length-adaptive run on the small labelled TSV (seed 5), from a teacher pre-trained for a few steps into a
/// cache of its own, made once and shared; tests that change a run work on a copy.
/// </summary>
public sealed class LengthAdaptiveRun : IDisposable
{
    private readonly string? previousCache = Environment.GetEnvironmentVariable("DSLNAS_CACHE");

    public LengthAdaptiveRun()
    {
        Root = Directory.CreateTempSubdirectory("dslnas-lat").FullName;
        Environment.SetEnvironmentVariable("DSLNAS_CACHE", Path.Combine(Root, "cache"));
        Data = Path.Combine(Root, "mail.tsv");
        File.WriteAllText(Data, TinyRun.MailTsv());
        Run = Path.Combine(Root, "run");
        var engine = TinyLengths.Space.Engine;
        FullFlops = LengthConfiguration.Full(3, 16).Flops(engine, engine.Extreme(largest: true));
        Result = DriverHarness.Run(["run", .. Flags(Run), "--flops-budget", (0.9 * FullFlops).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }

    public string Root { get; }
    public string Data { get; }
    public string Run { get; }

    /// <summary>FLOPs of the tiny model (tiny-lengths' largest: 3 layers) at the full 16 tokens.</summary>
    public long FullFlops { get; }

    public (int Code, string Output, string Error) Result { get; }

    public string[] Flags(string run) =>
    [
        "--method", "length-adaptive", "--space", "tiny-lengths", "--teacher", "pretrain", "--teacher-steps", "4", "--run", run, "--data", Data, "--vocabulary", "60", "--max-length", "16",
        "--batch", "8", "--steps", "30", "--learning-rate", "0.003", "--layer-drop", "0.2", "--population", "3", "--iterations", "2", "--mutations", "3",
        "--crossovers", "3", "--seed", "5",
    ];

    /// <summary>A copy of the finished run, for a test to change.</summary>
    public string Copy() => TinyRun.CopyOf(Run, Root);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("DSLNAS_CACHE", previousCache);
        Directory.Delete(Root, recursive: true);
    }
}
