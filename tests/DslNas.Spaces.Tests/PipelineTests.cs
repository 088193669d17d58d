using System.Text;

namespace DslNas.Spaces.Tests;

/// <summary>The driver's run, extract and evaluate verbs on a tiny configuration, and their errors.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class PipelineTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-pipeline").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static (int Code, string Output, string Error) Run(params string[] args) => DriverHarness.Run(args);

    /// <summary>A small labelled TSV: spam mentions money, ham mentions meetings.</summary>
    private string Data()
    {
        var path = Path.Combine(directory, "mail.tsv");
        var random = new Random(1);
        var text = new StringBuilder("text\tlabel\n");
        string[] spam = ["win money now", "free cash offer", "claim your prize money", "cheap loans today"];
        string[] ham = ["meeting at noon", "see the notes from the meeting", "lunch tomorrow with the team", "the build is green"];
        for (var i = 0; i < 80; i++)
        {
            var isSpam = i % 2 == 0;
            text.Append((isSpam ? spam : ham)[random.Next(4)]).Append(' ').Append(i).Append('\t').Append(isSpam ? "spam" : "ham").Append('\n');
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private string[] Tiny(string run, string data) =>
    [
        "--space", "tiny-lengths", "--run", run, "--data", data, "--vocabulary", "60", "--max-length", "16", "--batch", "8", "--steps", "4",
        "--population", "3", "--generations", "2", "--fine-tune-steps", "2", "--latency-budget", "1000",
    ];

    [Fact]
    public void The_pipeline_writes_every_file_of_a_run_and_the_model_round_trips()
    {
        var run = Path.Combine(directory, "run");
        var data = Data();
        var (code, output, error) = Run(["run", .. Tiny(run, data)]);
        error.Should().BeEmpty();
        code.Should().Be(0);
        foreach (var file in new[] { "run.json", "run.log", "vocab.txt", "checkpoints/supernet.safetensors", "health.json", "search-state.json", "results.jsonl",
                     "pareto.csv", "pareto.svg", "report.md", "model/model.safetensors", "model/model.json" })
            File.Exists(Path.Combine(run, file)).Should().BeTrue(file);
        File.ReadAllLines(Path.Combine(run, "results.jsonl")).Length.Should().BeGreaterThanOrEqualTo(3);
        File.ReadAllText(Path.Combine(run, "pareto.svg")).Should().Contain("<svg").And.Contain("latency (ms, batch 1)").And.Contain("FLOPs per sequence").And.Contain("#d62728");
        File.ReadAllText(Path.Combine(run, "report.md")).Should().Contain("| searched (extracted, fine-tuned) |").And.Contain("| largest (extracted, fine-tuned) |")
            .And.Contain("| uniform baseline (from scratch) |").And.Contain("per second");
        output.Should().Contain("chosen architecture: {\"space\":\"tiny-lengths\"");

        var model = Path.Combine(directory, "exported");
        var architecture = "{\"space\":\"tiny-lengths\",\"Layers\":2,\"Hidden\":32,\"Heads\":[2,1],\"FfnSize\":[64,32],\"SeqLength\":[16,8]}";
        var extract = Run(["extract", .. Tiny(run, data), "--architecture", architecture, "--output", model]);
        extract.Code.Should().Be(0, extract.Error);
        var evaluate = Run("evaluate", "--model", model, "--data", data);
        evaluate.Code.Should().Be(0, evaluate.Error);
        evaluate.Output.Should().Contain("test: accuracy").And.Contain("latency");
    }

    [Fact]
    public void Bad_arguments_give_one_clear_error_each()
    {
        var data = Data();
        var run = Path.Combine(directory, "other");
        Run(["train", "--space", "no-such-space", "--run", run]).Error.Should().StartWith("error: unknown search space 'no-such-space'");
        Run(["train", .. Tiny(run, Path.Combine(directory, "missing.tsv"))]).Error.Should().StartWith("error:").And.Contain("missing.tsv").And.Contain("does not exist");
        var first = Run(["train", .. Tiny(run, data)]);
        first.Code.Should().Be(0, first.Error);
        Run(["train", "--space", "bort", "--run", run]).Error.Should().StartWith("error: the run directory").And.Contain("belongs to space 'tiny-lengths', not 'bort'");
        var bad = Run(["extract", .. Tiny(run, data), "--architecture", "{\"space\":\"tiny-lengths\",\"Layers\":5}"]);
        bad.Code.Should().Be(1);
        bad.Error.Should().StartWith("error:").And.Contain("field 'Hidden' is missing");
        Run(["extract", .. Tiny(run, data)]).Error.Should().Contain("no search yet");
        Run("evaluate", "--model", Path.Combine(directory, "nothing")).Error.Should().Contain("not a model directory");
        foreach (var error in new[] { first.Error, bad.Error }) error.Should().NotContain("   at ", "errors are one line, not stack traces");
    }
}
