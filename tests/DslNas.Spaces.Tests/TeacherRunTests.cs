using DslNas.Export;
using DslNas.Runs;

namespace DslNas.Spaces.Tests;

/// <summary>Runs with a teacher: pre-trained with MLM and cached, or given in the BERT layout.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class TeacherRunTests(TinyRun tiny) : IClassFixture<TinyRun>, IDisposable
{
    private readonly string cache = Directory.CreateTempSubdirectory("dslnas-cache").FullName;
    private readonly string? previousCache = Environment.GetEnvironmentVariable("DSLNAS_CACHE");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("DSLNAS_CACHE", previousCache);
        Directory.Delete(cache, recursive: true);
    }

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        Environment.SetEnvironmentVariable("DSLNAS_CACHE", cache);
        return DriverHarness.Run(args);
    }

    private string Fresh(string name) => Path.Combine(tiny.Root, name + "-" + Guid.NewGuid().ToString("N")[..6]);

    [Fact]
    public void A_pretrained_teacher_is_cached_reused_and_starts_the_supernet_and_the_baseline()
    {
        var first = Fresh("teacher");
        var result = Run(["run", .. tiny.Flags(first, "--teacher", "pretrain", "--teacher-steps", "6")]);
        result.Code.Should().Be(0, result.Error);
        var teacher = File.ReadAllText(Path.Combine(first, "teacher.txt")).Trim();
        teacher.Should().StartWith(Path.Combine(cache, "teachers"));
        foreach (var file in new[] { "config.json", "model.safetensors", "vocab.txt", "teacher.json" }) File.Exists(Path.Combine(teacher, file)).Should().BeTrue(file);
        using (var checkpoint = DslNas.Export.BertCheckpoint.Load(teacher))
            checkpoint.MlmHead.Should().NotBeNull("the teacher's predictions, which distillation learns, need its MLM output bias");
        File.ReadAllText(Path.Combine(first, "run.log")).Should().Contain("supernet initialized from the teacher's weights").And.Contain("held-out MLM loss");
        File.ReadAllText(Path.Combine(first, "report.md")).Should().Contain("Supernet initialization: from the teacher's weights").And.Contain("| uniform baseline (from the teacher, distilled) |");

        var second = Fresh("teacher-again");
        var again = Run(["train", .. tiny.Flags(second, "--teacher", "pretrain", "--teacher-steps", "6")]);
        again.Code.Should().Be(0, again.Error);
        File.ReadAllText(Path.Combine(second, "run.log")).Should().Contain($"reusing the pre-trained teacher cached at {teacher}");
    }

    [Fact]
    public void A_supernet_is_pre_trained_with_mlm_when_asked_and_the_run_resumes_past_it()
    {
        var run = Fresh("supernet-mlm");
        var result = Run(["train", .. tiny.Flags(run), "--supernet-mlm-steps", "3", "--layer-norm", "pre"]);
        result.Code.Should().Be(0, result.Error);
        var log = File.ReadAllText(Path.Combine(run, "run.log"));
        log.Should().Contain("supernet MLM pre-training").And.Contain("largest subnet: held-out MLM loss").And.Contain("smallest subnet: held-out MLM loss");
        File.Exists(Path.Combine(run, "checkpoints", "supernet-mlm.safetensors")).Should().BeTrue();
        File.ReadAllText(Path.Combine(run, "run.json")).Should().Contain("\"Pre\"");

        var finished = Run(["run", .. tiny.Flags(run), "--supernet-mlm-steps", "3", "--layer-norm", "pre"]);
        finished.Code.Should().Be(0, finished.Error);
        File.ReadAllText(Path.Combine(run, "run.log")).Split("supernet MLM pre-training on").Should().HaveCount(2, "a trained supernet is not pre-trained again");
    }

    [Fact]
    public void A_teacher_in_the_bert_layout_gives_its_vocabulary_and_one_that_differs_from_the_runs_is_refused_before_training()
    {
        var source = Fresh("source");
        var pretrained = Run(["train", .. tiny.Flags(source, "--teacher", "pretrain", "--teacher-steps", "3")]);
        pretrained.Code.Should().Be(0, pretrained.Error);
        var teacher = File.ReadAllText(Path.Combine(source, "teacher.txt")).Trim();

        var given = Fresh("given");
        var result = Run(["train", .. tiny.Flags(given, "--teacher", teacher)]);
        result.Code.Should().Be(0, result.Error);
        File.ReadAllText(Path.Combine(given, "vocab.txt")).Should().Be(File.ReadAllText(Path.Combine(teacher, BertCheckpoint.VocabularyFile)));

        var other = Fresh("other-vocabulary");
        Directory.CreateDirectory(other);
        File.WriteAllLines(Path.Combine(other, "vocab.txt"), File.ReadAllLines(Path.Combine(teacher, "vocab.txt")).Reverse());
        var refused = Run(["train", .. tiny.Flags(other, "--teacher", teacher)]);
        refused.Code.Should().Be(1);
        refused.Error.Should().Contain("the teacher's vocabulary").And.Contain("differs from the run's");
        File.Exists(Path.Combine(other, "checkpoints", "supernet.safetensors")).Should().BeFalse("the refusal comes before training");
    }
}
