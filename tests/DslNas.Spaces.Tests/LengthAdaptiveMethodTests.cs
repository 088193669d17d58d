using System.Globalization;
using System.Text.Json;
using DslNas.Engine;
using DslNas.Runs;
using DslNas.Search.Lengths;
using DslNas.Training;

namespace DslNas.Spaces.Tests;

/// <summary>The length-adaptive method end to end through the driver on a tiny configuration, and the pieces it adds to training.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class LengthAdaptiveMethodTests(LengthAdaptiveRun tiny) : IClassFixture<LengthAdaptiveRun>
{
    private static (int Code, string Output, string Error) Run(params string[] args) => DriverHarness.Run(args);

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public void The_run_trains_once_searches_lengths_chooses_within_the_budget_and_reports_the_comparison()
    {
        tiny.Result.Error.Should().BeEmpty();
        tiny.Result.Code.Should().Be(0, tiny.Result.Output);
        foreach (var file in new[] { "run.json", "checkpoints/supernet.safetensors", "length-training.json", "report.md", "searches/main/state.json",
                     "searches/main/results.jsonl", "searches/main/front.csv", "searches/main/choice.json", "searches/main/scores.json", "searches/main/comparison.json",
                     "searches/main/lengths.svg", "searches/main/report.md", "searches/main/model/model.json", "searches/main/model/model.safetensors" })
            File.Exists(Path.Combine(tiny.Run, file)).Should().BeTrue(file);
        StageLog.Load(Path.Combine(tiny.Run, "stages.json")).Select(s => s.Name).Should().Equal("data", "teacher", "train");
        StageLog.Load(Path.Combine(tiny.Run, "searches", "main", "stages.json")).Select(s => s.Name).Should().Equal("search", "choose", "finalize", "compare", "report");

        var choice = Choice.Load(Path.Combine(tiny.Run, "searches", "main", "choice.json"));
        choice.Lengths.Should().NotBeNull().And.HaveCount(3);
        var lengths = new LengthConfiguration(choice.Lengths!, 16);
        var engine = TinyLengths.Space.Engine;
        lengths.Flops(engine, engine.Extreme(largest: true)).Should().Be(choice.Metrics.Flops).And.BeLessThanOrEqualTo((long)(0.9 * tiny.FullFlops));
        choice.FlopsBudget.Should().Be(0.9 * tiny.FullFlops);
        choice.BudgetMs.Should().BeNull("only a FLOPs budget was given");

        var results = File.ReadAllLines(Path.Combine(tiny.Run, "searches", "main", "results.jsonl"));
        results.Length.Should().BeGreaterThanOrEqualTo(5, "both bounds and 3 constant-rate genes at least");
        results.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("lengths").EnumerateArray().Select(e => e.GetInt32()).ToArray())
            .Should().OnlyContain(l => l.All(x => x >= 2 && x <= 16) && l[0] >= l[1] && l[1] >= l[2], "integer lengths bounded by --max-length, never growing");

        File.ReadAllText(Path.Combine(tiny.Run, "run.log")).Should().Contain("model initialized from the teacher's weights");
        var report = File.ReadAllText(Path.Combine(tiny.Run, "report.md"));
        report.Should().Contain("## Length search").And.Contain("## Searched front against constant-rate reduction (validation)").And.Contain("| searched |")
            .And.Contain("| constant rate |").And.Contain("masked-token prediction").And.Contain("| full length |").And.Contain("LayerDrop 0.2")
            .And.Contain("started from the teacher's weights");
        File.ReadAllText(Path.Combine(tiny.Run, "searches", "main", "lengths.svg")).Should().Contain("<svg").And.Contain("masked-token accuracy (Drop-and-Restore)")
            .And.Contain("latency (ms, batch 1)");
        var modelConfig = SavedModel.Config(Path.Combine(tiny.Run, "searches", "main", "model"));
        modelConfig.Lengths.Should().Equal(choice.Lengths);
    }

    [Fact]
    public void Evaluate_applies_the_saved_lengths_and_scores_as_the_run_did()
    {
        var searched = ModelScore.Load(Path.Combine(tiny.Run, "searches", "main", "scores.json"));
        searched.Select(s => s.Name).Should().HaveCount(3).And.Contain("full length");
        var evaluate = Run("evaluate", "--model", Path.Combine(tiny.Run, "searches", "main", "model"));
        evaluate.Code.Should().Be(0, evaluate.Error);
        evaluate.Output.Should().Contain($"test: accuracy {searched[0].TestAccuracy:P2}");
    }

    [Fact]
    public void A_new_budget_picks_from_the_stored_front_without_training_or_scoring_again()
    {
        var run = tiny.Copy();
        var checkpoint = File.ReadAllBytes(Path.Combine(run, "checkpoints", "supernet.safetensors"));
        var front = File.ReadAllLines(Path.Combine(run, "searches", "main", "front.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[^2], CultureInfo.InvariantCulture)).ToList();
        var budget = front.Min() + 1;

        var search = Run("search", "--run", run, "--flops-budget", Invariant(budget));
        search.Code.Should().Be(0, search.Error);
        search.Output.Should().Contain("search 'search-2'").And.Contain("continuing the search of record 'main' (2 of 2 iterations done); nothing is retrained");
        var choose = Run("choose", "--run", run, "--flops-budget", Invariant(budget));
        choose.Code.Should().Be(0, choose.Error);

        var record = Path.Combine(run, "searches", "search-2");
        File.Exists(Path.Combine(record, "results.jsonl")).Should().BeFalse("no configuration was scored again");
        Choice.Load(Path.Combine(record, "choice.json")).Metrics.Flops.Should().BeLessThanOrEqualTo((long)budget);
        File.ReadAllBytes(Path.Combine(run, "checkpoints", "supernet.safetensors")).Should().Equal(checkpoint);
        StageLog.Load(Path.Combine(run, "stages.json")).Count(s => s.Name == "train").Should().Be(1, "training did not run again");
    }

    [Fact]
    public void A_budget_below_the_cheapest_configuration_names_the_cheapest_flops()
    {
        var run = tiny.Copy();
        var cheapest = File.ReadAllLines(Path.Combine(run, "searches", "main", "front.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[^2], CultureInfo.InvariantCulture)).Min();
        var (code, _, error) = Run("run", "--run", run, "--flops-budget", "1000");
        code.Should().Be(2);
        error.Should().Contain($"--flops-budget 1000 is below the cheapest length configuration of the front: {Invariant(cheapest)} FLOPs");
        File.Exists(Path.Combine(run, "searches", "search-2", "state.json")).Should().BeFalse("nothing was searched for an impossible budget");
    }

    [Fact]
    public void Without_a_budget_the_choice_keeps_to_the_latency_fraction_of_the_full_lengths_flops()
    {
        var run = Path.Combine(tiny.Root, "no-budget");
        var (code, output, error) = Run(["run", .. tiny.Flags(run)]);
        code.Should().Be(0, error);
        var record = Path.Combine(run, "searches", "main");
        var cheapest = File.ReadAllLines(Path.Combine(record, "front.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[^2], CultureInfo.InvariantCulture)).Min();
        var choice = Choice.Load(Path.Combine(record, "choice.json"));
        choice.FlopsBudget.Should().Be(Math.Max(RunOptions.Defaults.Latency.BudgetFraction * tiny.FullFlops, cheapest));
        choice.BudgetMs.Should().BeNull("the default budget is in FLOPs");
        choice.Metrics.Flops.Should().BeLessThanOrEqualTo((long)choice.FlopsBudget!.Value);
        output.Should().Contain("no budget given: ").And.Contain("of the full length's FLOPs");
    }

    [Fact]
    public void Extract_writes_the_chosen_length_configuration_with_the_model()
    {
        var run = tiny.Copy();
        var output = Path.Combine(run, "exported");
        var extract = Run("extract", "--run", run, "--output", output);
        extract.Code.Should().Be(0, extract.Error);
        SavedModel.Config(output).Lengths.Should().Equal(Choice.Load(Path.Combine(run, "searches", "main", "choice.json")).Lengths);

        var given = Run("extract", "--run", run, "--output", Path.Combine(run, "given"), "--lengths", "16,9,4");
        given.Code.Should().Be(0, given.Error);
        given.Output.Should().Contain("keeping 16,9,4 tokens per layer");
        SavedModel.Config(Path.Combine(run, "given")).Lengths.Should().Equal(16, 9, 4);
        var (code, _, error) = Run("extract", "--run", run, "--output", Path.Combine(run, "refused"), "--lengths", "20,9,4");
        code.Should().Be(2);
        error.Should().Contain("layer 1 keeps 20 tokens, more than the sequence length 16");
        Directory.Exists(Path.Combine(run, "refused")).Should().BeFalse();
    }

    [Fact]
    public void A_space_without_per_layer_lengths_is_refused_naming_what_it_lacks()
    {
        var run = Path.Combine(tiny.Root, "no-lengths");
        var (code, _, error) = Run(["run", .. tiny.Flags(run).Select(f => f == "tiny-lengths" ? "fast-transformer" : f)]);
        code.Should().Be(2, error);
        error.Trim().Should().Be("error: method 'length-adaptive' does not accept space 'fast-transformer': the space has no [SeqLength] dimension");
        Directory.Exists(run).Should().BeFalse();
    }

    [Fact]
    public void LayerDrop_now_combines_with_LengthDrop()
    {
        var sampler = new SandwichSampler(TinyLengths.Space.Engine, randomSubnets: 400, lengthDrop: 0.2, layerDrop: 0.5);
        var plans = sampler.Step(16, new Random(2)).Skip(2).ToList();
        plans.Should().Contain(p => p.Layers.Any(l => l.Op == LayerOp.Identity) && p.Layers.Any(l => l.Keep < 16), "a subnet both skips a layer and drops tokens");
        plans.Should().OnlyContain(p => p.Layers[0].Op == LayerOp.FullLayer && p.Layers[p.Layers.Count - 1].Op == LayerOp.FullLayer, "only inner layers are skipped");
    }

    [Fact]
    public void A_length_configurations_flops_are_the_spaces_closed_form()
    {
        var engine = LengthAdaptive.Space.Engine;
        var largest = engine.Extreme(largest: true);
        LengthConfiguration.Full(12, 64).Flops(engine, largest).Should().Be(LengthAdaptive.FullLength.Flops(64));
        var onGrid = LengthAdaptive.FullLength with { SeqLength = [64, 64, 48, 48, 48, 32, 32, 32, 16, 16, 16, 16] };
        new LengthConfiguration([64, 64, 48, 48, 48, 32, 32, 32, 16, 16, 16, 16], 64).Flops(engine, largest).Should().Be(onGrid.Flops(64));
        new LengthConfiguration([60, 57, 40, 40, 39, 30, 30, 20, 17, 16, 9, 2], 64).Flops(engine, largest).Should().BeLessThan(onGrid.Flops(64));
    }

    [Fact]
    public void A_length_search_killed_within_an_iteration_resumes_without_listing_its_unsaved_scores_twice()
    {
        var run = tiny.Copy();
        var record = Path.Combine(run, "searches", "main");
        var results = File.ReadAllText(Path.Combine(record, "results.jsonl"));
        // What a kill within an iteration leaves: a score the state does not hold, then a line cut short; the stage not recorded.
        File.AppendAllText(Path.Combine(record, "results.jsonl"), "{\"lengths\":[3,1],\"flops\":1,\"accuracy\":0.5}\n{\"lengths\":[2,");
        var stages = Path.Combine(record, "stages.json");
        File.WriteAllText(stages, JsonSerializer.Serialize(StageLog.Load(stages).Where(s => s.Name != "search")));

        var (code, _, error) = Run("search", "--run", run);
        code.Should().Be(0, error);
        File.ReadAllText(Path.Combine(record, "results.jsonl")).Should().Be(results);
    }
}
