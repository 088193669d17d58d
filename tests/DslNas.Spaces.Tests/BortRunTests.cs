using System.Globalization;
using DslNas.Artifacts;
using DslNas.Methods.Bort;
using DslNas.Search.Ose;

namespace DslNas.Spaces.Tests;

/// <summary>The bort method end to end on a tiny grid, and the input it refuses.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class BortRunTests(BortRun bort) : IClassFixture<BortRun>
{
    [Fact]
    public void An_exhaustive_run_trains_every_candidate_and_compares_the_fptas_pick_with_the_maximum()
    {
        bort.Result.Code.Should().Be(0, bort.Result.Error);
        var grid = JsonArtifact.Load<BortGrid>(bort.File("grid.json"), "grid", "missing");
        grid.Candidates.Should().HaveCount(20);
        grid.MaximumPoint.Name.Should().Be("D2-A2-H8-I16");
        var selection = JsonArtifact.Load<BortSelection>(bort.File("selection.json"), "selection", "missing");
        selection.Exhaustive!.Trained.Should().Be(20);
        selection.Fptas.Trained.Should().BeLessThanOrEqualTo(20);
        var errors = File.ReadAllLines(bort.File("errors.jsonl")).Select(l => System.Text.Json.JsonSerializer.Deserialize<CandidateError>(l)!).ToList();
        errors.Select(e => e.Index).Should().BeEquivalentTo(Enumerable.Range(0, 20), "each candidate trains once; the FPTAS reuses the exhaustive search's errors");

        var w = new RatioWCoefficient();
        double W(int i) => w.Score(new OsePoint(grid.Candidates[i].Parameters, grid.Candidates[i].Inference, errors.Single(e => e.Index == i).Error), selection.Maximum);
        var best = Enumerable.Range(0, 20).MaxBy(W);
        selection.Exhaustive.Chosen.Should().Be(best);
        selection.Exhaustive.ChosenW.Should().BeApproximately(W(best), 1e-9);
        selection.Fptas.ChosenW.Should().BeApproximately(W(selection.Fptas.Chosen), 1e-9);
        if (selection.Fptas.Warnings.Count == 0) selection.WithinGuarantee.Should().BeTrue("without a broken error bound the pick is within 1 - epsilon of the maximum");

        var log = File.ReadAllText(Path.Combine(bort.Run, "run.log"));
        log.Should().Contain("exhaustive maximum:").And.Contain("the FPTAS pick's W is").And.Contain($"trained {selection.Fptas.Trained} of 20");
        var csv = File.ReadAllLines(bort.File("candidates.csv"));
        csv.Should().HaveCount(21);
        csv[0].Should().Be("index,name,layers,heads,hidden,ffn,parameters,flops,inference,error,w,seconds,fptas_order,chosen");
        File.ReadAllLines(bort.File("fptas-trace.csv")).Should().HaveCount(selection.Fptas.Trained + 2);
    }

    [Fact]
    public void The_grid_stage_warns_naming_each_abnc_condition_that_fails()
    {
        var log = File.ReadAllText(Path.Combine(bort.Run, "run.log"));
        log.Should().Contain("warning: AB^nC condition 1 (blocks dominate the input and output functions) does not hold: fails on 20 of 20 candidates")
            .And.Contain("warning: AB^nC condition 3 (trained by SGD) does not hold: candidates train with AdamW, not SGD")
            .And.NotContain("AB^nC condition 2 (");
    }

    [Fact]
    public void The_pick_and_the_largest_are_distilled_fine_tuned_plainly_and_with_agora_and_reported()
    {
        var final = JsonArtifact.Load<BortFinal>(bort.File("final.json"), "final", "missing");
        var selection = JsonArtifact.Load<BortSelection>(bort.File("selection.json"), "selection", "missing");
        var grid = JsonArtifact.Load<BortGrid>(bort.File("grid.json"), "grid", "missing");
        final.Chosen.Architecture.Should().Be(grid.Candidates[selection.Fptas.Chosen].Name);
        final.Largest.Architecture.Should().Be("D2-A2-H8-I16");
        final.SizeFraction.Should().Be(grid.Candidates[selection.Fptas.Chosen].Parameters / (double)grid.MaximumPoint.Parameters);
        foreach (var model in new[] { final.Chosen, final.Largest })
        {
            model.AgoraRounds.Should().HaveCount(2, "two hyperparameter sets take two rounds");
            model.AgoraRounds[0].Ranking.Should().HaveCount(2);
            model.PlainAccuracy.Should().BeInRange(0, 1);
            model.LatencyMs.Should().BePositive();
        }
        File.Exists(Path.Combine(bort.Run, "searches", "main", "model", "config.json")).Should().BeTrue();
        var report = File.ReadAllText(Path.Combine(bort.Run, "report.md"));
        report.Should().Contain("# Bort on 'tiny-bort'").And.Contain("test accuracy (Agora)").And.Contain("![W over the grid](w-grid.svg)")
            .And.Contain(final.SizeFraction.ToString("P1", CultureInfo.InvariantCulture));
        File.ReadAllText(bort.File("w-grid.svg")).Should().Contain("<circle").And.Contain(final.Chosen.Architecture);
    }

    [Fact]
    public void A_space_without_the_four_dimensions_is_refused_naming_them()
    {
        var run = Path.Combine(bort.Root, "no-ffn");
        var result = DriverHarness.Run(["run", .. bort.Flags(run, space: "tiny-choices")]);
        result.Code.Should().Be(2);
        result.Error.Should().Contain("method 'bort' does not accept space 'tiny-choices': the space has no [FfnSize] dimension");
        Directory.Exists(run).Should().BeFalse();
        var perLayer = DriverHarness.Run(["run", .. bort.Flags(Path.Combine(bort.Root, "per-layer"), space: "tiny-lengths")]);
        perLayer.Error.Should().Contain("'Heads', 'FfnSize' choose per layer");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("1.5")]
    public void Epsilon_outside_the_open_unit_interval_is_refused_before_anything_is_written(string epsilon)
    {
        var run = Path.Combine(bort.Root, "epsilon-" + epsilon);
        var result = DriverHarness.Run(["run", .. bort.Flags(run, epsilon: epsilon)]);
        result.Code.Should().Be(2);
        result.Error.Should().Contain($"--epsilon must lie in (0, 1), got {epsilon}");
        Directory.Exists(run).Should().BeFalse();
    }

    [Fact]
    public void A_divisor_that_changes_the_grids_shape_is_refused_with_what_it_loses()
    {
        var result = DriverHarness.Run(["run", .. bort.Flags(Path.Combine(bort.Root, "divisor"), divisor: "2")]);
        result.Code.Should().Be(2);
        result.Error.Should().Contain("--hidden-divisor 2 changes the grid's shape: 4 of 20 architectures would be lost");
    }

    [Fact]
    public void Seeds_are_refused_before_anything_is_written_since_bort_scores_no_models_to_summarise()
    {
        var run = Path.Combine(bort.Root, "seeds");
        var result = DriverHarness.Run(["run", .. bort.Flags(run), "--seeds", "2"]);
        result.Code.Should().Be(2);
        result.Error.Should().Contain("--seeds 2: method 'bort' does not score its final models in scores.json");
        Directory.Exists(run).Should().BeFalse();
    }

    [Fact]
    public void A_grid_too_large_for_an_exhaustive_search_is_refused_with_its_count_and_an_estimate()
    {
        var result = DriverHarness.Run(["run", .. bort.Flags(Path.Combine(bort.Root, "many"), space: "many-bort"), "--exhaustive"]);
        result.Code.Should().Be(2);
        result.Error.Should().MatchRegex(@"--exhaustive: the grid has 352 candidates, more than the 320 an exhaustive search takes; at 3 steps each it would take about [0-9.]+ hours here");
    }

    [Fact]
    public void With_cost_latency_the_grids_inference_cost_is_measured_on_this_machine()
    {
        var run = Path.Combine(bort.Root, "latency");
        var result = DriverHarness.Run(["run", .. bort.Flags(run, cost: "latency")]);
        result.Code.Should().Be(0, result.Error);
        var grid = JsonArtifact.Load<BortGrid>(Path.Combine(run, "searches", "main", "grid.json"), "grid", "missing");
        grid.Cost.Should().Be(DslNas.Search.CostObjective.Latency);
        grid.Candidates.Should().OnlyContain(c => c.Inference > 0 && c.Inference < 1000 && c.Inference != c.Flops, "milliseconds measured, not FLOPs");
        File.ReadAllText(Path.Combine(run, "report.md")).Should().Contain("i = ms, measured at 16 tokens");
    }

    [Theory]
    [InlineData("parameters", null, "--cost parameters: bort weighs parameters already")]
    [InlineData("flops", "none", "bort distils every candidate from the run's teacher")]
    public void A_cost_of_parameters_or_no_teacher_is_refused(string cost, string? teacher, string message)
    {
        var result = DriverHarness.Run(["run", .. bort.Flags(Path.Combine(bort.Root, $"refused-{cost}-{teacher}"), cost: cost, teacher: teacher)]);
        result.Code.Should().Be(2);
        result.Error.Should().Contain(message);
    }
}
