using System.Text.RegularExpressions;

namespace DslNas.Spaces.Tests.Reliability;

/// <summary>
/// Kill -9 at random moments of train and search (and of Bort's grid, search and finalize), then resume: the campaign
/// tool at a small count, each kill a SIGKILL to a real driver process, the resumed run compared file by file with an
/// uninterrupted one of the same seed.
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

    [Fact]
    public void Bort_runs_killed_at_random_moments_resume_to_the_same_errors_pick_and_model_as_an_uninterrupted_run()
    {
        var data = Path.Combine(directory, "mail.tsv");
        string[] timings = ["errors.jsonl#Seconds", "candidates.csv#seconds", "selection.json#FptasSeconds", "selection.json#ExhaustiveSeconds", "final.json#LatencyMs", "final.json#SpeedUp"];
        var (code, output, error) = KillTool.Run(
        [
            "--kill-points", "3", "--kills", "2", "--seed", "2", "--work", directory, "--verbs", "stage grid,search,finalize", "--volatile", string.Join(",", timings), "--",
            "--method", "bort", "--space", "kill-tiny-bort", "--data", data, "--teacher", "pretrain", "--teacher-steps", "10", "--vocabulary", "60", "--max-length", "16",
            "--batch", "8", "--cost", "flops", "--hidden-divisor", "1", "--candidate-steps", "20", "--final-steps", "40", "--fine-tune-steps", "10", "--agora-sets", "2",
            "--exhaustive", "--seed", "5",
        ], cache: Path.Combine(directory, "cache"));
        code.Should().Be(0, output + error);
        var counts = Summary().Match(output);
        counts.Success.Should().BeTrue(output);
        Count(counts, "kills").Should().Be(3);
        Count(counts, "identical").Should().Be(Count(counts, "runs"));
        string Read(string run, string file) => File.ReadAllText(Path.Combine(directory, run, "searches", "main", file));
        var model = Path.Combine("searches", "main", "model", "model.safetensors");
        File.ReadAllBytes(Path.Combine(directory, "trial-1", model)).Should().Equal(File.ReadAllBytes(Path.Combine(directory, "reference", model)));
        // Only the times are left out: every candidate's error and the FPTAS's trace are compared in full.
        string[] Errors(string run) => Read(run, "errors.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => Regex.Replace(l, @",""Seconds"":[^}]*", "")).ToArray();
        Errors("trial-1").Should().HaveCount(16).And.Equal(Errors("reference"));
        Read("trial-1", "fptas-trace.csv").Should().Be(Read("reference", "fptas-trace.csv"));
    }

    private static int Count(Match match, string name) => int.Parse(match.Groups[name].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"kills \(SIGKILL to a running process\) (?<kills>\d+), missed \(the process had finished\) \d+, resumed to completion (?<resumed>\d+), stale locks recovered \d+, identical results (?<identical>\d+) of (?<runs>\d+) runs")]
    private static partial Regex Summary();
}
