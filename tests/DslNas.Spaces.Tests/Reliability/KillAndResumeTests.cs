using System.Text.RegularExpressions;

namespace DslNas.Spaces.Tests.Reliability;

/// <summary>
/// Kill -9 at random moments of train and search, then resume: the campaign tool at a small count, each kill a SIGKILL
/// to a real driver process, the resumed run compared file by file with an uninterrupted one of the same seed.
/// </summary>
public sealed partial class KillAndResumeTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-kill").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Runs_killed_at_random_moments_resume_to_the_same_weights_and_front_as_an_uninterrupted_run()
    {
        var (code, output, error) = KillTool.Run(["--kill-points", "3", "--kills", "3", "--seed", "4", "--work", directory]);
        code.Should().Be(0, output + error);
        var counts = Summary().Match(output);
        counts.Success.Should().BeTrue(output);
        Count(counts, "kills").Should().Be(3);
        Count(counts, "resumed").Should().Be(3);
        Count(counts, "identical").Should().Be(Count(counts, "runs"));
        var checkpoint = Path.Combine("checkpoints", "supernet.safetensors");
        File.ReadAllBytes(Path.Combine(directory, "trial-1", checkpoint)).Should().Equal(File.ReadAllBytes(Path.Combine(directory, "reference", checkpoint)));
        var front = Path.Combine("searches", "main", "pareto.csv");
        File.ReadAllText(Path.Combine(directory, "trial-1", front)).Should().Be(File.ReadAllText(Path.Combine(directory, "reference", front)));
    }

    private static int Count(Match match, string name) => int.Parse(match.Groups[name].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"kills \(SIGKILL to a running process\) (?<kills>\d+), missed \(the process had finished\) \d+, resumed to completion (?<resumed>\d+), stale locks recovered \d+, identical results (?<identical>\d+) of (?<runs>\d+) runs")]
    private static partial Regex Summary();
}
