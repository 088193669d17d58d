using System.Diagnostics;

namespace DslNas.Spaces.Tests.Reliability;

/// <summary>
/// A data-parallel run whose rank 1, a real process started by --nproc 2, is killed with SIGKILL in the middle of
/// training: the launcher and rank 0 stop with an error instead of hanging, the last checkpoint stays whole, and the
/// run resumed with two ranks ends with the same supernet, byte for byte, as a run never interrupted.
/// </summary>
public sealed class RankKillTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-rank-kill").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string[] Train(string run, string data) =>
    [
        "driver", "train", "--run", run, "--method", "one-shot", "--space", "kill-tiny", "--data", data, "--teacher", "none", "--vocabulary", "60",
        "--max-length", "16", "--batch", "8", "--steps", "200", "--learning-rate", "0.003", "--ignore-health", "--seed", "3",
        "--nproc", "2", "--dist-timeout", "10",
    ];

    private string Data()
    {
        var path = Path.Combine(directory, "mail.tsv");
        File.WriteAllText(path, TinyRun.MailTsv());
        return path;
    }

    /// <summary>The ranks --nproc started under <paramref name="launcher"/>, by the RANK in their environment.</summary>
    private static Dictionary<int, int> Ranks(int launcher)
    {
        var ranks = new Dictionary<int, int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(entry, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
                if (parent != launcher) continue;
                var rank = File.ReadAllText(Path.Combine(entry, "environ")).Split('\0').FirstOrDefault(v => v.StartsWith("RANK=", StringComparison.Ordinal));
                if (rank is not null) ranks[int.Parse(rank["RANK=".Length..])] = pid;
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
        }
        return ranks;
    }

    [Fact]
    public void A_rank_killed_mid_training_stops_the_run_with_an_error_and_the_run_resumes_to_the_uninterrupted_supernet()
    {
        var data = Data();
        var reference = Path.Combine(directory, "reference");
        var uninterrupted = KillTool.Run(Train(reference, data));
        uninterrupted.Code.Should().Be(0, uninterrupted.Error);

        var run = Path.Combine(directory, "run");
        var checkpoint = Path.Combine(run, "checkpoints", "supernet.safetensors");
        using (var launcher = KillTool.Start(Train(run, data)))
        {
            var output = launcher.StandardOutput.ReadToEndAsync();
            var error = launcher.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!File.Exists(checkpoint) && !launcher.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(10);
            File.Exists(checkpoint).Should().BeTrue("the ranks write their first checkpoint after 20 of 200 steps");
            var ranks = Ranks(launcher.Id);
            ranks.Should().ContainKeys([0, 1], "--nproc 2 runs each rank as a process of its own");
            using (var rank1 = Process.GetProcessById(ranks[1])) rank1.Kill();

            launcher.WaitForExit(TimeSpan.FromSeconds(90)).Should().BeTrue("the other rank notices within --dist-timeout, and the launcher kills what stays");
            launcher.ExitCode.Should().NotBe(0);
            Task.WaitAll(output, error);
            (output.Result + error.Result).Should().Contain("rank 1 failed");
            Directory.Exists($"/proc/{ranks[0]}").Should().BeFalse("rank 0 stopped too, and the launcher waited for it");
        }

        var resumed = KillTool.Run(Train(run, data));
        resumed.Code.Should().Be(0, resumed.Error);
        File.ReadAllBytes(checkpoint).Should().Equal(File.ReadAllBytes(Path.Combine(reference, "checkpoints", "supernet.safetensors")),
            "training resumed from the last checkpoint of both ranks ends where the uninterrupted run did");
    }
}
