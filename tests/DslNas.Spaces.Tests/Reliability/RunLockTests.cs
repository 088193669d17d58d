using DslNas.Runs;

namespace DslNas.Spaces.Tests.Reliability;

/// <summary>One run directory, one writer: a second process is refused while the first holds the lock, and a killed process's lock is recovered.</summary>
public sealed class RunLockTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-lock").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Data()
    {
        var data = Path.Combine(directory, "mail.tsv");
        File.WriteAllText(data, TinyRun.MailTsv());
        return data;
    }

    [Fact]
    public void A_second_process_is_refused_while_the_first_holds_the_lock_and_may_go_on_once_it_is_released()
    {
        var run = Path.Combine(directory, "run");
        var data = Data();
        string[] train = ["train", .. KillTool.Flags(run, data)];
        using (var held = RunLock.Acquire(new RunDirectory(run)))
        {
            held.Stale.Should().BeNull();
            var (code, _, error) = KillTool.Run(["driver", .. train]);
            code.Should().Be(1);
            error.Should().StartWith($"error: the run directory {run} is in use by process {Environment.ProcessId} on {Environment.MachineName} (since ")
                .And.Contain(" UTC); one process writes a run directory at a time");
            error.Trim().Split('\n').Should().HaveCount(1);
            Directory.EnumerateFiles(run).Select(Path.GetFileName).Should().BeEquivalentTo(["run.lock", "run.holder"], "the refused process wrote nothing");
        }
        File.Exists(Path.Combine(run, "run.holder")).Should().BeFalse("a released lock names no holder");
        var after = KillTool.Run(["driver", .. train]);
        after.Code.Should().Be(0, after.Error);
        File.ReadAllText(Path.Combine(run, "run.log")).Should().NotContain("recovered the lock");
    }

    [Fact]
    public void The_lock_of_a_killed_process_is_recovered_with_a_message_naming_it()
    {
        var run = Path.Combine(directory, "run");
        var data = Data();
        string[] train = ["driver", "train", .. KillTool.Flags(run, data)];
        int killed;
        using (var process = KillTool.Start(train))
        {
            var holder = Path.Combine(run, "run.holder");
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (!File.Exists(holder) && !process.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(20);
            process.HasExited.Should().BeFalse("the run holds its lock while it trains");
            killed = process.Id;
            process.Kill();
            process.WaitForExit();
        }
        File.Exists(Path.Combine(run, "run.holder")).Should().BeTrue("a killed process cannot say it is gone");
        var resumed = KillTool.Run(train);
        resumed.Code.Should().Be(0, resumed.Error);
        File.ReadAllText(Path.Combine(run, "run.log")).Should().Contain($"recovered the lock of {run} left by process {killed} on {Environment.MachineName}")
            .And.Contain("which ended without releasing it");
        File.Exists(Path.Combine(run, "run.holder")).Should().BeFalse();
    }
}
