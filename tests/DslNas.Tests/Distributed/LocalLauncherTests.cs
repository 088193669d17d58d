using System.Diagnostics;
using DslNas.Distributed;
using DslNas.Runs;

namespace DslNas.Tests.Distributed;

public sealed class LocalLauncherTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-launcher").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>A stand-in rank: writes its environment to DIR/rank-RANK, then acts by rank.</summary>
    private static (string, string[]) Shell(string script) => ("/bin/sh", ["-c", "echo \"$RANK $WORLD_SIZE $LOCAL_RANK $MASTER_ADDR $MASTER_PORT $DSLNAS_THREADS\" > \"$1/rank-$RANK\"; " + script, "rank"]);

    private string[] Environments(int ranks) => Enumerable.Range(0, ranks).Select(r => File.ReadAllText(Path.Combine(directory, $"rank-{r}")).Trim()).ToArray();

    [Fact]
    public void Every_rank_gets_its_place_in_the_world_and_a_share_of_the_cores()
    {
        var lines = new List<string>();
        var code = LocalLauncher.Run(Shell("exit 0"), [directory], 3, TimeSpan.FromSeconds(10), new QuietRunEvents(lines.Add));
        code.Should().Be(0);
        var threads = System.Environment.GetEnvironmentVariable(LocalLauncher.ThreadsVariable) ?? Math.Max(1, System.Environment.ProcessorCount / 3).ToString();
        var fields = Environments(3).Select(e => e.Split(' ')).ToArray();
        for (var rank = 0; rank < 3; rank++)
        {
            fields[rank][..4].Should().Equal(rank.ToString(), "3", rank.ToString(), "127.0.0.1");
            fields[rank][5].Should().Be(threads);
        }
        fields.Select(f => f[4]).Distinct().Should().ContainSingle("all ranks meet at one port");
        lines.Should().ContainSingle().Which.Should().StartWith("started 3 ranks");
    }

    [Fact]
    public void A_failed_rank_gives_its_exit_code_and_a_rank_that_does_not_stop_is_killed_after_the_timeout()
    {
        var lines = new List<string>();
        var clock = Stopwatch.StartNew();
        var code = LocalLauncher.Run(Shell("if [ \"$RANK\" = 1 ]; then exec sleep 120; fi; exit 3"), [directory], 2, TimeSpan.FromSeconds(1), new QuietRunEvents(lines.Add));
        code.Should().Be(3);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "the hanging rank is killed, not waited for");
        lines.Should().Contain("rank 0 failed (exit code 3); the other ranks stop within 1 s")
            .And.Contain("rank 1 did not stop within 1 s of the failure; killing it");
    }
}
