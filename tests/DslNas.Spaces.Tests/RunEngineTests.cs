using DslNas.Runs;
using DslNas.Search;

namespace DslNas.Spaces.Tests;

/// <summary>The run engine through the driver: methods as plugins, settings against a saved run, search records, the health gate.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class RunEngineTests(TinyRun tiny) : IClassFixture<TinyRun>
{
    private static (int Code, string Output, string Error) Run(params string[] args) => DriverHarness.Run(args);

    [Fact]
    public void Methods_lists_the_built_in_method_and_the_projects_own()
    {
        var (code, output, _) = Run("methods");
        code.Should().Be(0);
        output.Should().Contain("one-shot").And.Contain("component composition (Tsai et al. 2020)").And.Contain("needs-blocks");
    }

    [Fact]
    public void Describe_method_shows_stages_and_which_spaces_it_accepts()
    {
        var oneShot = Run("describe-method", "one-shot");
        oneShot.Code.Should().Be(0);
        oneShot.Output.Should().Contain("stages:").And.Contain("data").And.Contain("train").And.Contain("(per search) search the trained supernet")
            .And.Contain("tiny-lengths: accepted");
        var needsBlocks = Run("describe-method", "needs-blocks");
        needsBlocks.Output.Should().Contain("nas-bert: accepted").And.Contain("fast-transformer: not accepted (the space has no [Op] and no [PerBlock] dimension)");
        Run("describe-method", "nope").Code.Should().Be(2);
    }

    [Fact]
    public void An_unknown_method_is_one_error_and_writes_nothing()
    {
        var run = Path.Combine(tiny.Root, "unknown-method");
        var (code, _, error) = Run(["run", .. tiny.Flags(run), "--method", "nope"]);
        code.Should().Be(2);
        error.Should().StartWith("error: unknown method 'nope'; known methods: ").And.Contain("one-shot");
        error.Trim().Split('\n').Should().HaveCount(1);
        Directory.Exists(run).Should().BeFalse();
    }

    [Fact]
    public void A_method_that_does_not_accept_the_space_says_what_the_space_lacks_and_writes_nothing()
    {
        var run = Path.Combine(tiny.Root, "rejected");
        var (code, _, error) = Run(["run", .. tiny.Flags(run), "--method", "needs-blocks"]);
        code.Should().Be(2);
        error.Trim().Should().Be("error: method 'needs-blocks' does not accept space 'tiny-lengths': the space has no [Op] and no [PerBlock] dimension");
        Directory.Exists(run).Should().BeFalse();
    }

    [Fact]
    public void A_run_directory_of_another_space_or_method_is_refused_without_writing()
    {
        var run = tiny.Copy();
        var before = TinyRun.Contents(run);
        var space = Run("train", "--run", run, "--space", "bort");
        space.Code.Should().Be(2);
        space.Error.Should().StartWith("error: the run directory").And.Contain("belongs to space 'tiny-lengths', not 'bort'");
        var method = Run("train", "--run", run, "--method", "needs-blocks");
        method.Code.Should().Be(2);
        method.Error.Should().Contain("belongs to method 'one-shot', not 'needs-blocks'");
        TinyRun.Contents(run).Should().BeEquivalentTo(before);
    }

    [Fact]
    public void A_flag_that_disagrees_with_the_saved_run_names_the_flag_and_the_saved_value()
    {
        var run = tiny.Copy();
        var before = TinyRun.Contents(run);
        var (code, _, error) = Run("train", "--run", run, "--steps", "1000");
        code.Should().Be(2);
        error.Should().StartWith("error: --steps 1000 disagrees with the run in").And.Contain("saved with --steps 30").And.Contain("another --run directory");
        Run("train", "--run", run, "--steps", "30").Code.Should().Be(0, "the saved value itself agrees");
        var override_ = Run("finalize", "--run", run, "--fine-tune-steps", "3");
        override_.Code.Should().Be(2);
        override_.Error.Should().Contain("--fine-tune-steps 3 disagrees").And.Contain("pass --override");
        TinyRun.Contents(run)["run.json"].Should().Be(before["run.json"]);
    }

    [Fact]
    public void Override_changes_an_overridable_setting_and_records_it()
    {
        var run = tiny.Copy();
        var (code, _, error) = Run("finalize", "--run", run, "--fine-tune-steps", "3", "--override");
        code.Should().Be(0, error);
        RunOptions.Load(Path.Combine(run, "run.json")).FineTune.Steps.Should().Be(3);
        File.ReadAllText(Path.Combine(run, "run.log")).Should().Contain("override: --fine-tune-steps 2 -> 3");
    }

    [Fact]
    public void A_trained_supernet_is_searched_again_under_a_new_budget_into_a_new_record_without_retraining()
    {
        var run = tiny.Copy();
        var checkpoint = File.ReadAllBytes(Path.Combine(run, "checkpoints", "supernet.safetensors"));
        var trained = StageLog.Load(Path.Combine(run, "stages.json")).Single(s => s.Name == "train");
        foreach (var verb in new[] { "search", "choose", "finalize", "report" })
        {
            var result = Run(verb, "--run", run, "--latency-budget", "500");
            result.Code.Should().Be(0, $"{verb}: {result.Error}");
            result.Output.Should().Contain("search 'search-2'");
        }
        var record = Path.Combine(run, "searches", "search-2");
        SearchRecordOptions.Load(Path.Combine(record, "search.json")).BudgetMs.Should().Be(500);
        Choice.Load(Path.Combine(record, "choice.json")).BudgetMs.Should().Be(500);
        File.Exists(Path.Combine(record, "report.md")).Should().BeTrue();
        File.ReadAllBytes(Path.Combine(run, "checkpoints", "supernet.safetensors")).Should().Equal(checkpoint);
        StageLog.Load(Path.Combine(run, "stages.json")).Single(s => s.Name == "train").Should().BeEquivalentTo(trained);
        Choice.Load(Path.Combine(run, "searches", "main", "choice.json")).BudgetMs.Should().Be(1000, "the first search keeps its own record");
        Directory.Exists(Path.Combine(run, "searches", "search-3")).Should().BeFalse();
    }

    [Fact]
    public void A_search_given_as_a_fraction_resolves_its_budget_once_and_resumes()
    {
        var run = tiny.Copy();
        var first = Run("search", "--run", run, "--latency-fraction", "0.9", "--search", "fraction");
        first.Code.Should().Be(0, first.Error);
        var record = Path.Combine(run, "searches", "fraction");
        var budget = SearchRecordOptions.Load(Path.Combine(record, "search.json")).BudgetMs;
        budget.Should().BePositive();
        var state = File.ReadAllText(Path.Combine(record, "state.json"));
        var again = Run("search", "--run", run, "--latency-fraction", "0.9", "--search", "fraction");
        again.Code.Should().Be(0, again.Error);
        SearchRecordOptions.Load(Path.Combine(record, "search.json")).BudgetMs.Should().Be(budget);
        File.ReadAllText(Path.Combine(record, "state.json")).Should().Be(state, "the finished search resumes with its stored budget and evaluates nothing new");
        var other = Run("search", "--run", run, "--latency-fraction", "0.5", "--search", "fraction");
        other.Code.Should().Be(2);
        other.Error.Should().Contain("the search 'fraction'").And.Contain("other search options");
    }

    [Fact]
    public void A_stage_whose_predecessor_has_not_completed_says_which_to_run()
    {
        var run = Path.Combine(tiny.Root, "fresh-" + Guid.NewGuid().ToString("N")[..6]);
        var (code, _, error) = Run(["search", .. tiny.Flags(run)]);
        code.Should().Be(1);
        error.Should().StartWith("error: the stage 'train' has not completed").And.Contain("run 'train' first");
    }

    [Fact]
    public void The_health_gate_stops_a_supernet_that_cannot_rank_unless_told_to_go_on()
    {
        var run = Path.Combine(tiny.Root, "gate-" + Guid.NewGuid().ToString("N")[..6]);
        var stopped = Run(["run", .. tiny.Flags(run), "--min-health-spearman", "1"]);
        stopped.Code.Should().Be(1);
        stopped.Error.Should().StartWith("error: the supernet cannot rank architectures: Spearman's correlation of size and search-split accuracy is")
            .And.Contain("below 1.00").And.Contain("--ignore-health");
        stopped.Output.Should().Contain("supernet health");
        Directory.Exists(Path.Combine(run, "searches", "main")).Should().BeTrue();
        File.Exists(Path.Combine(run, "searches", "main", "state.json")).Should().BeFalse("a collapsed supernet is not searched");
        StageLog.Load(Path.Combine(run, "stages.json")).Select(s => s.Name).Should().NotContain("train");
        var forced = Run(["train", .. tiny.Flags(run), "--min-health-spearman", "1", "--ignore-health"]);
        forced.Code.Should().Be(0, forced.Error);
        File.ReadAllText(Path.Combine(run, "run.log")).Should().Contain("--ignore-health: searching anyway");
        StageLog.Load(Path.Combine(run, "stages.json")).Select(s => s.Name).Should().Contain("train");
    }

    [Fact]
    public void Seeds_repeat_the_whole_run_and_summarize_every_compared_model()
    {
        var run = Path.Combine(tiny.Root, "seeds-" + Guid.NewGuid().ToString("N")[..6]);
        var (code, _, error) = Run(["run", .. tiny.Flags(run), "--seeds", "2"]);
        code.Should().Be(0, error);
        foreach (var seed in new[] { 5, 6 })
        {
            RunOptions.Load(Path.Combine(run, $"seed-{seed}", "run.json")).Seed.Should().Be(seed);
            File.Exists(Path.Combine(run, $"seed-{seed}", "searches", "main", "scores.json")).Should().BeTrue();
        }
        var statistics = System.Text.Json.JsonSerializer.Deserialize<List<SeedStatistics>>(File.ReadAllText(Path.Combine(run, "seeds.json")))!;
        statistics.Select(s => s.Model).Should().Equal("searched (retrained from scratch, distilled)", "largest (extracted, fine-tuned)", "uniform baseline (from scratch, distilled)");
        statistics.Should().OnlyContain(s => s.Seeds == 2);
        var searched = new[] { 5, 6 }.Select(seed => ModelScore.Load(Path.Combine(run, $"seed-{seed}", "searches", "main", "scores.json"))[0].TestAccuracy).ToList();
        statistics[0].MeanTestAccuracy.Should().BeApproximately(searched.Average(), 1e-12);
        File.ReadAllText(Path.Combine(run, "seeds.md")).Should().Contain("# Over 2 seeds (5 to 6)");
    }

    [Fact]
    public void Search_options_of_a_record_are_kept_apart_from_the_runs()
    {
        var record = new SearchRecordOptions(new SearchOptions(Population: 4), new LatencyOptions(Batch: 2), 3.5);
        record.SameRequest(record with { BudgetMs = 9 }).Should().BeTrue("the resolved budget is not part of the request");
        record.SameRequest(record with { Search = record.Search with { MaxLatencyMs = 1 } }).Should().BeFalse();
    }

    [Fact]
    public void A_search_killed_within_a_generation_resumes_without_listing_its_unsaved_evaluations_twice()
    {
        var run = tiny.Copy();
        var record = Path.Combine(run, "searches", "main");
        var results = File.ReadAllText(Path.Combine(record, "results.jsonl"));
        // What a kill within a generation leaves: evaluations the state does not hold, the last one cut short; the stage not recorded.
        File.AppendAllText(Path.Combine(record, "results.jsonl"), "{\"generation\":2,\"architecture\":{\"space\":\"tiny-lengths\"},\"accuracy\":0.5}\n{\"generation\":2,\"arch");
        var stages = Path.Combine(record, "stages.json");
        File.WriteAllText(stages, System.Text.Json.JsonSerializer.Serialize(StageLog.Load(stages).Where(s => s.Name != "search")));

        var (code, _, error) = Run("search", "--run", run);
        code.Should().Be(0, error);
        File.ReadAllText(Path.Combine(record, "results.jsonl")).Should().Be(results);
    }
}
