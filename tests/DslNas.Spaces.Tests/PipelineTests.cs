using System.Text.Json;
using DslNas.Runs;

namespace DslNas.Spaces.Tests;

/// <summary>The one-shot method end to end through the driver on a tiny configuration: its files, extraction and evaluation.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class PipelineTests(TinyRun tiny) : IClassFixture<TinyRun>
{
    private static (int Code, string Output, string Error) Run(params string[] args) => DriverHarness.Run(args);

    [Fact]
    public void The_run_writes_every_file_of_every_stage()
    {
        tiny.Result.Error.Should().BeEmpty();
        tiny.Result.Code.Should().Be(0);
        foreach (var file in new[] { "run.json", "run.log", "stages.json", "vocab.txt", "data.json", "checkpoints/supernet.safetensors", "health.json", "report.md",
                     "searches/main/search.json", "searches/main/stages.json", "searches/main/state.json", "searches/main/results.jsonl", "searches/main/pareto.csv",
                     "searches/main/pareto.svg", "searches/main/choice.json", "searches/main/scores.json", "searches/main/report.md",
                     "searches/main/model/model.safetensors", "searches/main/model/model.json", "searches/main/model/vocab.txt" })
            File.Exists(Path.Combine(tiny.Run, file)).Should().BeTrue(file);
        var main = Path.Combine(tiny.Run, "searches", "main");
        File.ReadAllLines(Path.Combine(main, "results.jsonl")).Length.Should().BeGreaterThanOrEqualTo(3);
        File.ReadAllText(Path.Combine(main, "report.md")).Should().Contain("retrained for 32 steps like the uniform baseline");
        File.ReadAllText(Path.Combine(main, "pareto.svg")).Should().Contain("<svg").And.Contain("latency (ms)").And.Contain("#d62728");
        File.ReadAllText(Path.Combine(tiny.Run, "report.md")).Should().Contain("| searched (retrained from scratch, distilled) |").And.Contain("| largest (extracted, fine-tuned) |")
            .And.Contain("| uniform baseline (from scratch, distilled) |").And.Contain("per second").And.Contain("## Supernet health").And.Contain("| largest |");
        tiny.Result.Output.Should().Contain("chosen architecture: {\"space\":\"tiny-lengths\"").And.Contain("supernet health");
    }

    [Fact]
    public void Each_stage_records_what_it_produced()
    {
        var run = StageLog.Load(Path.Combine(tiny.Run, "stages.json"));
        run.Select(s => s.Name).Should().Equal("data", "teacher", "train");
        run.Single(s => s.Name == "train").Produced.Should().Contain(Path.Combine("checkpoints", "supernet.safetensors")).And.Contain("health.json");
        var search = StageLog.Load(Path.Combine(tiny.Run, "searches", "main", "stages.json"));
        search.Select(s => s.Name).Should().Equal("search", "choose", "finalize", "report");
        search.Single(s => s.Name == "choose").Produced.Should().Equal("choice.json");
    }

    [Fact]
    public void Evaluate_recreates_the_runs_splits_and_scores_the_saved_model_as_the_run_did()
    {
        var model = Path.Combine(tiny.Run, "searches", "main", "model");
        var evaluate = Run("evaluate", "--model", model);
        evaluate.Code.Should().Be(0, evaluate.Error);
        var searched = ModelScore.Load(Path.Combine(tiny.Run, "searches", "main", "scores.json"))[0];
        var data = JsonSerializer.Deserialize<DataSummary>(File.ReadAllText(Path.Combine(tiny.Run, "data.json")))!;
        data.SplitSeed.Should().Be(5);
        evaluate.Output.Should().Contain($"test: accuracy {searched.TestAccuracy:P2}").And.Contain($"({data.Test} examples of {tiny.Data}, split seed 5)");
    }

    [Fact]
    public void Extract_writes_a_given_architecture_that_evaluate_scores()
    {
        var run = tiny.Copy();
        var model = Path.Combine(run, "exported");
        var architecture = "{\"space\":\"tiny-lengths\",\"Layers\":2,\"Hidden\":32,\"Heads\":[2,1],\"FfnSize\":[64,32],\"SeqLength\":[16,8]}";
        var extract = Run("extract", "--run", run, "--architecture", architecture, "--output", model);
        extract.Code.Should().Be(0, extract.Error);
        extract.Output.Should().Contain("extracted {\"space\":\"tiny-lengths\",\"Layers\":2");
        var evaluate = Run("evaluate", "--model", model);
        evaluate.Code.Should().Be(0, evaluate.Error);
        evaluate.Output.Should().Contain("test: accuracy").And.Contain("latency");
        var bad = Run("extract", "--run", run, "--architecture", "{\"space\":\"tiny-lengths\",\"Layers\":5}");
        bad.Code.Should().Be(2);
        bad.Error.Should().StartWith("error:").And.Contain("field 'Hidden' is missing").And.NotContain("   at ");
        Run("evaluate", "--model", Path.Combine(run, "nothing")).Error.Should().Contain("not a model directory");
    }

    [Fact]
    public void An_inherited_choice_keeps_the_shared_weights_and_is_fine_tuned_and_saved_as_the_model()
    {
        var run = tiny.Copy();
        var (code, output, error) = Run("finalize", "--run", run, "--chosen-weights", "inherited", "--override");
        code.Should().Be(0, error);
        output.Should().Contain("searched (extracted, fine-tuned, distilled): test accuracy");
        var scores = ModelScore.Load(Path.Combine(run, "searches", "main", "scores.json"));
        scores.Select(s => s.Name).Should().Equal("searched (extracted, fine-tuned, distilled)", "largest (extracted, fine-tuned)", "uniform baseline (from scratch, distilled)");
        var evaluate = Run("evaluate", "--model", Path.Combine(run, "searches", "main", "model"));
        evaluate.Code.Should().Be(0, evaluate.Error);
        evaluate.Output.Should().Contain($"test: accuracy {scores[0].TestAccuracy:P2}");
        Run("report", "--run", run).Code.Should().Be(0);
        File.ReadAllText(Path.Combine(run, "searches", "main", "report.md")).Should().Contain("after extraction and 2 fine-tuning steps");
    }
}
