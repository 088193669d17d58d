using System.Globalization;
using DslNas.Data.Text;
using DslNas.Export;
using DslNas.Methods.NasBert;
using DslNas.Runs;
using DslNas.Torch.Nn;

namespace DslNas.Spaces.Tests.NasBertMethod;

/// <summary>NAS-BERT end to end through the driver on the tiny-blocks space, and the inputs it refuses.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class NasBertRunTests(TinyNasBertRun tiny) : IClassFixture<TinyNasBertRun>
{
    private string Fresh(string name) => Path.Combine(tiny.Root, name + "-" + Guid.NewGuid().ToString("N")[..6]);

    [Fact]
    public void The_run_writes_every_stages_files_and_the_report()
    {
        tiny.Result.Code.Should().Be(0, tiny.Result.Error);
        foreach (var file in new[] { "run.json", "teacher.txt", "checkpoints/nas-bert.safetensors", "shrinking.json", "pruning.csv", "survivors.json", "survivors.csv",
                     "searches/main/ranking.csv", "searches/main/selection.csv", "searches/main/latency-check.csv", "searches/main/choices.json", "searches/main/final.json",
                     "searches/main/pruning.svg", "searches/main/report.md", "report.md" })
            File.Exists(Path.Combine(tiny.Run, file)).Should().BeTrue(file);
        File.ReadAllText(Path.Combine(tiny.Run, "report.md")).Should().Contain("## Progressive shrinking").And.Contain("![pruning curve](pruning.svg)")
            .And.Contain("searched against uniform BERT-style models of the same budget (test split, 1 seed)").And.Contain("| 70% (")
            .And.Contain("The fine-tuned teacher (");
        File.ReadAllText(Path.Combine(tiny.Run, "searches", "main", "pruning.svg")).Should().Contain("<polyline").And.Contain("block 1");
        var selection = SelectionResult.Load(Path.Combine(tiny.Run, "searches", "main", "choices.json"));
        selection.LatencySource.Should().StartWith("the per-op lookup table");
        var check = File.ReadAllLines(Path.Combine(tiny.Run, "searches", "main", "latency-check.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        check.Should().HaveCount(LatencyTableCheck.Architectures);
        var errors = check.Select(f => double.Parse(f[2], CultureInfo.InvariantCulture)).Order().ToList();
        selection.TableWorstError.Should().Be(errors[^1]);
        File.ReadAllText(Path.Combine(tiny.Run, "run.log")).Should().Contain("bins by parameters and latency (lookup table)");
        tiny.Result.Output.Should().Contain("latency table of 'tiny-blocks': ").And.NotContain("rebuilding");
    }

    [Fact]
    public void Shrinking_logs_every_bin_and_stops_with_the_kept_number_per_bin()
    {
        var log = PruningLog.Load(Path.Combine(tiny.Run, "pruning.csv"));
        log.Should().NotBeEmpty();
        log.Should().AllSatisfy(r => r.After.Should().BeLessThanOrEqualTo(r.Before));
        log.Should().AllSatisfy(r => r.After.Should().BeGreaterThanOrEqualTo(Math.Min(2, r.Before)));
        log.Select(r => r.Step).Min().Should().Be(10, "the first round of 5 steps is a warm-up");
        var last = log.GroupBy(r => (r.Block, r.Bin)).Select(g => g.MaxBy(r => r.Step)!).ToList();
        last.Should().AllSatisfy(r => r.After.Should().BeLessThanOrEqualTo(2));
        var survivors = Survivors.Load(Path.Combine(tiny.Run, "survivors.json"));
        survivors.Select(s => s.Count).Should().Equal(last.GroupBy(r => r.Block).OrderBy(g => g.Key).Select(g => g.Sum(r => r.After)));
    }

    [Fact]
    public void The_ranking_is_by_summed_block_loss_and_each_choice_fits_its_budget_next_to_a_uniform_model_that_does_too()
    {
        var survivors = Survivors.Load(Path.Combine(tiny.Run, "survivors.json"));
        var rows = File.ReadAllLines(Path.Combine(tiny.Run, "searches", "main", "ranking.csv")).Skip(1)
            .Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        rows.Should().HaveCount(survivors.Aggregate(1, (n, b) => n * b.Count)).And.BeInAscendingOrder();
        rows[0].Should().BeApproximately(survivors.Sum(b => b.Min(s => s.Loss)), 1e-9);
        var selection = SelectionResult.Load(Path.Combine(tiny.Run, "searches", "main", "choices.json"));
        selection.Choices.Select(c => c.Budget).Should().Equal("70%", "45%");
        foreach (var choice in selection.Choices)
        {
            choice.Chosen.Parameters.Should().BeLessThanOrEqualTo(choice.MaxParameters);
            choice.Candidates.Should().HaveCountLessThanOrEqualTo(2).And.Contain(c => c.Rank == choice.Chosen.Rank && c.Architecture == choice.Chosen.Architecture);
            choice.Chosen.CompleteLoss.Should().Be(choice.Candidates.Min(c => c.CompleteLoss));
            TinyBlocks.Space.Engine.Parameters(TinyBlocks.Space.Engine.Decode(choice.Chosen.Code)).Should().Be(choice.Chosen.Parameters);
        }
        var final = FinalModel.Load(Path.Combine(tiny.Run, "searches", "main", "final.json"));
        final.Should().HaveCount(5);
        final.Where(m => m.Kind == FinalModel.Teacher).Should().ContainSingle("the final models distil the teacher fine-tuned on the task")
            .Which.Score.TestAccuracy.Should().BeInRange(0, 1);
        final.Where(m => m.Kind != FinalModel.Teacher).Should().AllSatisfy(m => m.NonEmbeddingParameters.Should().BeLessThanOrEqualTo(m.MaxParameters));
        final.Where(m => m.Kind == FinalModel.Uniform).Should().AllSatisfy(m => m.Architecture.Should().NotContain("SepConv"));
        final.Where(m => m.Kind != FinalModel.Teacher).GroupBy(m => m.Budget).Should().AllSatisfy(budget =>
            budget.Select(m => m.EmbeddingWidth).Distinct().Should().ContainSingle("a budget's two models have the same embeddings").Which.Should().BeOneOf(16, 32));
        ModelScore.Load(Path.Combine(tiny.Run, "searches", "main", "scores.json")).Select(s => s.Name)
            .Should().Equal(final.Select(m => m.Score.Name), "--seeds summarises these over seeds");
    }

    [Fact]
    public void A_space_without_ops_or_blocks_is_refused_naming_what_it_lacks()
    {
        var run = Fresh("no-blocks");
        var result = tiny.Driver("run", run, "--space", "tiny-lengths");
        result.Code.Should().Be(2);
        result.Error.Should().Contain("method 'nas-bert' does not accept space 'tiny-lengths': the space has no [Op] and no [PerBlock] dimension");
        Directory.Exists(run).Should().BeFalse();
    }

    [Fact]
    public void No_teacher_or_a_teacher_with_fewer_layers_than_blocks_is_refused_before_training()
    {
        var none = Fresh("no-teacher");
        var result = tiny.Driver("run", none, "--teacher", "none");
        result.Code.Should().Be(2);
        result.Error.Should().Contain("distils block by block from a teacher");
        File.Exists(Path.Combine(none, "checkpoints", "nas-bert.safetensors")).Should().BeFalse();

        var shallow = Path.Combine(tiny.Root, "shallow-teacher");
        var vocabulary = Vocabulary.Load(Path.Combine(tiny.Run, "vocab.txt"));
        using (var encoder = new TransformerEncoder(TransformerEncoderConfig.Uniform(vocabulary.Count, 16, 32, 1, 1, 64)))
            BertCheckpoint.Save(shallow, encoder, vocabulary);
        var refused = tiny.Driver("run", Fresh("shallow"), "--teacher", shallow);
        refused.Code.Should().Be(2);
        refused.Error.Should().Contain("the teacher has 1 layers, fewer than the space's 2 blocks");
    }

    [Fact]
    public void A_budget_no_candidate_meets_is_refused_naming_the_smallest_size()
    {
        var run = Fresh("tiny-budget");
        var result = tiny.Driver("run", run, "--budgets", "50");
        result.Code.Should().Be(2);
        var smallest = TinyBlocks.Space.Engine.Parameters(TinyBlocks.Space.Engine.Extreme(largest: false));
        result.Error.Should().Contain($"--budgets 50 (50 parameters) is below the smallest architecture of the space ({smallest:N0} non-embedding parameters)");
        File.Exists(Path.Combine(run, "checkpoints", "nas-bert.safetensors")).Should().BeFalse();
    }

    [Fact]
    public void Training_again_resumes_from_the_last_round_and_finds_the_same_survivors()
    {
        var run = Fresh("resumed");
        foreach (var file in Directory.EnumerateFiles(tiny.Run, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(run, Path.GetRelativePath(tiny.Run, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var checkpoint = File.ReadAllBytes(Path.Combine(run, "checkpoints", "nas-bert.safetensors"));
        var rounds = ShrinkingState.Load(Path.Combine(run, "shrinking.json")).Round;
        var result = tiny.Driver("train", run);
        result.Code.Should().Be(0, result.Error);
        File.ReadAllText(Path.Combine(run, "run.log")).Should().Contain($"resumed NAS-BERT training after round {rounds}");
        File.ReadAllBytes(Path.Combine(run, "checkpoints", "nas-bert.safetensors")).Should().Equal(checkpoint, "shrinking had ended: nothing is trained again");
        Survivors.Load(Path.Combine(run, "survivors.json")).SelectMany(b => b).Select(s => (s.Block, s.Index, s.Loss))
            .Should().Equal(Survivors.Load(Path.Combine(tiny.Run, "survivors.json")).SelectMany(b => b).Select(s => (s.Block, s.Index, s.Loss)));
    }
}
