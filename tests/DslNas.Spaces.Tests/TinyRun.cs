using System.Text;

namespace DslNas.Spaces.Tests;

/// <summary>
/// One tiny one-shot run on a small labelled TSV (seed 5), made once and shared; tests that change a run work on a copy.
/// </summary>
public sealed class TinyRun : IDisposable
{
    public TinyRun()
    {
        Root = Directory.CreateTempSubdirectory("dslnas-run").FullName;
        Data = Path.Combine(Root, "mail.tsv");
        File.WriteAllText(Data, MailTsv());
        Run = Path.Combine(Root, "run");
        Result = DriverHarness.Run(["run", .. Flags(Run)]);
    }

    public string Root { get; }
    public string Data { get; }
    public string Run { get; }
    public (int Code, string Output, string Error) Result { get; }

    /// <summary>The flags of the tiny configuration, for a run directory (and a teacher: none unless given).</summary>
    public string[] Flags(string run, params string[] teacher) =>
    [
        .. teacher.Length > 0 ? teacher : ["--teacher", "none"],
        "--space", "tiny-lengths", "--run", run, "--data", Data, "--vocabulary", "60", "--max-length", "16", "--batch", "8", "--steps", "30", "--learning-rate", "0.003",
        "--population", "3", "--generations", "2", "--fine-tune-steps", "2", "--latency-budget", "1000", "--seed", "5",
    ];

    /// <summary>A copy of the finished run, for a test to change.</summary>
    public string Copy() => CopyOf(Run, Root);

    /// <summary>A copy of <paramref name="run"/>'s files in a new directory under <paramref name="root"/>.</summary>
    public static string CopyOf(string run, string root)
    {
        var target = Path.Combine(root, "copy-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var file in Directory.EnumerateFiles(run, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(run, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    /// <summary>Every file of a directory with its bytes, to show that a refused command wrote nothing.</summary>
    public static Dictionary<string, string> Contents(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToBase64String(File.ReadAllBytes(f)));

    /// <summary>A small labelled TSV: spam mentions money, ham mentions meetings.</summary>
    internal static string MailTsv()
    {
        var random = new Random(1);
        var text = new StringBuilder("text\tlabel\n");
        string[] spam = ["win money now", "free cash offer", "claim your prize money", "cheap loans today"];
        string[] ham = ["meeting at noon", "see the notes from the meeting", "lunch tomorrow with the team", "the build is green"];
        for (var i = 0; i < 80; i++)
        {
            var isSpam = i % 2 == 0;
            text.Append((isSpam ? spam : ham)[random.Next(4)]).Append(' ').Append(i).Append('\t').Append(isSpam ? "spam" : "ham").Append('\n');
        }
        return text.ToString();
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
