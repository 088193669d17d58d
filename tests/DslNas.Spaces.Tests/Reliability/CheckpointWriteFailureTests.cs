using DslNas.Data.Batching;
using DslNas.Nn;
using DslNas.Torch;
using DslNas.Training;

namespace DslNas.Spaces.Tests.Reliability;

/// <summary>
/// A write that fails keeps the last good checkpoint: a full disk (the checkpoint's temporary file on /dev/full, which
/// fails every write with ENOSPC through the real write path) and a read-only run directory (a real second process
/// without the power to write there, also when the tests run as root).
/// </summary>
[Collection(nameof(ProcessGlobalCollection))]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CheckpointWriteFailureTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-write-failure").FullName;

    public void Dispose()
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Prepend(directory))
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.Delete(directory, recursive: true);
    }

    private static SupernetTrainer Trainer(TinyLengths.Supernet supernet)
    {
        var random = new Random(1);
        var examples = Enumerable.Range(0, 32).Select(_ => new EncodedExample([2, random.Next(5, 20), random.Next(5, 20), 3], random.Next(2))).ToList();
        return new SupernetTrainer(supernet, examples, new Batcher(8, 0), new SupernetTrainingOptions(Steps: 10, LearningRate: 3e-3, Seed: 9));
    }

    [Fact]
    public void A_full_disk_fails_the_checkpoint_with_a_clear_error_and_leaves_the_last_good_one_intact()
    {
        var path = Path.Combine(directory, "checkpoints", "supernet.safetensors");
        torch.manual_seed(1);
        using var supernet = new TinyLengths.Supernet(new SupernetOptions(20, 8, Classes: 2));
        using var trainer = Trainer(supernet);
        trainer.Train(untilStep: 4);
        SupernetCheckpoint.Save(trainer, path);
        var good = File.ReadAllBytes(path);
        trainer.Train(untilStep: 6);
        File.CreateSymbolicLink(path + ".tmp", "/dev/full");

        FluentActions.Invoking(() => SupernetCheckpoint.Save(trainer, path)).Should().Throw<IOException>()
            .Which.Message.Should().StartWith($"{path}: could not be written (").And.Contain("No space left on device").And.EndWith("the previous file is unchanged");
        File.ReadAllBytes(path).Should().Equal(good);
        File.Exists(path + ".tmp").Should().BeFalse("the failed temporary file is removed");
        torch.manual_seed(1);
        using var restored = new TinyLengths.Supernet(new SupernetOptions(20, 8, Classes: 2));
        using var resumed = Trainer(restored);
        SupernetCheckpoint.Load(resumed, path);
        resumed.Step.Should().Be(4, "the last good checkpoint still loads");
    }

    [Fact]
    public void A_read_only_run_directory_is_refused_with_a_clear_error_and_nothing_changes()
    {
        var data = Path.Combine(directory, "mail.tsv");
        File.WriteAllText(data, TinyRun.MailTsv());
        var run = Path.Combine(directory, "run");
        var trained = KillTool.Run(["driver", "train", .. KillTool.Flags(run, data)]);
        trained.Code.Should().Be(0, trained.Error);
        var before = TinyRun.Contents(run);
        foreach (var path in Directory.EnumerateFileSystemEntries(run, "*", SearchOption.AllDirectories).Prepend(run))
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));

        var (code, _, error) = KillTool.Run(["driver", "search", .. KillTool.Flags(run, data)], unprivileged: true);
        code.Should().Be(1, error);
        error.Trim().Should().Be($"error: the run directory {run} cannot be locked for writing (Access to the path '{Path.Combine(run, "run.lock")}' is denied.); nothing was changed");
        TinyRun.Contents(run).Should().BeEquivalentTo(before);
    }
}
