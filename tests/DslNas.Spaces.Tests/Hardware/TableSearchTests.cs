using DslNas.Hardware;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Torch;

namespace DslNas.Spaces.Tests.Hardware;

/// <summary>A search of the tiny run's trained supernet that takes latency from the lookup table.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class TableSearchTests(TinyRun tiny) : IClassFixture<TinyRun>, IDisposable
{
    private readonly string? previousCache = Environment.GetEnvironmentVariable("DSLNAS_CACHE");
    private readonly string cache = Directory.CreateTempSubdirectory("dslnas-cache-").FullName;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("DSLNAS_CACHE", previousCache);
        Directory.Delete(cache, recursive: true);
    }

    [Fact]
    public void A_table_search_measures_only_its_front_and_its_choice_and_the_report_shows_both()
    {
        tiny.Result.Code.Should().Be(0, tiny.Result.Error);
        Environment.SetEnvironmentVariable("DSLNAS_CACHE", cache);
        var run = tiny.Copy();
        foreach (var verb in new[] { "search", "choose", "finalize", "report" })
        {
            var result = DriverHarness.Run(verb, "--run", run, "--latency", "table", "--search", "table");
            result.Code.Should().Be(0, $"{verb}: {result.Error}");
        }
        var record = Path.Combine(run, "searches", "table");
        var options = SearchRecordOptions.Load(Path.Combine(record, "search.json"));
        options.Latency.Source.Should().Be("table");
        options.BudgetSettings.Should().Be(new LatencyMeterSettings(16, 1, 3, 15, torch.get_num_threads(), LatencyReference.For(16, 1).CalibratedMs),
            "the run's meter is corrected by this machine's reference, calibrated in the run's cache");
        File.Exists(LatencyTableCache.PathOf("tiny-lengths", options.BudgetSettings!, cache)).Should().BeTrue();
        var front = FrontLatency.Load(Path.Combine(record, "front-latency.json"));
        front.Should().NotBeEmpty().And.OnlyContain(f => f.MeasuredMs > 0 && f.SearchMs != f.MeasuredMs);
        var choice = Choice.Load(Path.Combine(record, "choice.json"));
        choice.Remeasured.Should().NotBeEmpty();
        choice.Remeasured![^1].Architecture.Should().Be(choice.Architecture);
        choice.Remeasured[^1].MeasuredMs.Should().BeLessThanOrEqualTo(choice.Remeasured[^1].LimitMs);
        var report = File.ReadAllText(Path.Combine(record, "report.md"));
        report.Should().Contain("latency from the table, the front measured afterwards").And.Contain("The front measured after the search").And.Contain("Re-measured before the choice");
        var scores = ModelScore.Load(Path.Combine(record, "scores.json"));
        scores.Should().OnlyContain(s => s.Architecture != null && s.Flops > 0 && s.SupernetAccuracy >= 0 && s.SupernetAccuracy <= 1);
        scores[0].Architecture.Should().Be(choice.Architecture);
        File.ReadAllText(Path.Combine(record, "pareto.svg")).Should().Contain("latency budget (").And.Contain("chosen (as evaluated in the search)")
            .And.Contain("largest (measured after fine-tuning)").And.Contain("uniform baseline (measured after fine-tuning)");
    }

    [Fact]
    public void A_table_search_that_finds_nothing_within_its_budget_ends_with_an_empty_front_and_choose_says_so()
    {
        tiny.Result.Code.Should().Be(0, tiny.Result.Error);
        Environment.SetEnvironmentVariable("DSLNAS_CACHE", cache);
        var run = tiny.Copy();
        var search = DriverHarness.Run("search", "--run", run, "--latency", "table", "--latency-budget", "0.000001", "--search", "none");
        search.Code.Should().Be(0, search.Error);
        search.Output.Should().Contain("the front is empty");
        File.ReadAllLines(Path.Combine(run, "searches", "none", "results.jsonl")).Should().NotBeEmpty()
            .And.OnlyContain(line => line.Contains("\"accuracy\":null"), "nothing within the budget is scored");
        File.Exists(Path.Combine(run, "searches", "none", "front-latency.json")).Should().BeFalse();
        var choose = DriverHarness.Run("choose", "--run", run, "--latency", "table", "--latency-budget", "0.000001", "--search", "none");
        choose.Code.Should().NotBe(0);
        choose.Error.Should().Contain("no evaluated architecture meets the latency budget");
    }

    [Fact]
    public void A_device_search_takes_simulated_latency_and_its_choice_is_not_re_measured_on_this_machine()
    {
        tiny.Result.Code.Should().Be(0, tiny.Result.Error);
        var run = tiny.Copy();
        foreach (var verb in new[] { "search", "choose", "finalize", "report" })
        {
            var result = DriverHarness.Run(verb, "--run", run, "--latency", "device:mobile-cpu", "--search", "device");
            result.Code.Should().Be(0, $"{verb}: {result.Error}");
        }
        var record = Path.Combine(run, "searches", "device");
        var choice = Choice.Load(Path.Combine(record, "choice.json"));
        choice.Remeasured.Should().BeNull();
        var space = SpaceCatalog.Get("tiny-lengths");
        var plan = space.Engine.Plan(space.Engine.Decode(choice.Code));
        var mobile = DslNas.Hardware.Simulation.DeviceCatalog.Named.Single(d => d.Name == "mobile-cpu");
        choice.Metrics.LatencyMs.Should().BeApproximately(DslNas.Hardware.Simulation.Roofline.Simulate(plan, 16, 1, mobile).TotalMs, 1e-9);
        File.Exists(Path.Combine(record, "front-latency.json")).Should().BeFalse("a device's front cannot be measured here");
        File.ReadAllText(Path.Combine(record, "report.md")).Should().Contain("simulated on the device mobile-cpu").And.NotContain("Re-measured before the choice");
    }

    [Fact]
    public void An_unknown_latency_source_is_refused_with_the_known_ones()
    {
        var result = DriverHarness.Run("search", "--run", tiny.Copy(), "--latency", "guess");
        result.Code.Should().Be(2);
        result.Error.Should().Contain("--latency must be one of measured, table, predictor or device:NAME").And.Contain("'guess'");
        var device = DriverHarness.Run("search", "--run", tiny.Copy(), "--latency", "device:abacus");
        device.Code.Should().Be(2);
        device.Error.Should().Contain("unknown device 'abacus'").And.Contain("mobile-cpu");
    }
}
