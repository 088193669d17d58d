using DslNas.Runs;
using DslNas.Nn;

namespace DslNas.Spaces.Tests;

/// <summary>A method's own defaults: taken by a new run from the command line for the settings not given, and by nothing else.</summary>
public sealed class MethodDefaultTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("dslnas-defaults").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>Opens a new run from the command line (the report verb opens it, saves run.json, and stops: no stage has run) and reads its options and log.</summary>
    private (RunOptions Options, string Log) Open(string name, params string[] flags)
    {
        var run = Path.Combine(root, name);
        var (code, output, error) = DriverHarness.Run(["report", "--run", run, .. flags.Contains("--space") ? flags : [.. flags, "--space", "tiny-blocks"]]);
        code.Should().Be(1, output + error);
        error.Should().Contain("has not completed");
        var log = Path.Combine(run, "run.log");
        return (RunOptions.Load(Path.Combine(run, "run.json")), File.Exists(log) ? File.ReadAllText(log) : "");
    }

    [Fact]
    public void A_new_nas_bert_run_fine_tunes_for_its_own_default_and_says_so()
    {
        var (options, log) = Open("nas-bert", "--method", "nas-bert");

        options.FineTune.Steps.Should().Be(400);
        log.Should().Contain("nas-bert's default: --fine-tune-steps 400 (the library's is 100)");
    }

    [Fact]
    public void A_setting_the_user_gives_wins_over_the_method_default()
    {
        var (options, log) = Open("given", "--method", "nas-bert", "--fine-tune-steps", "100");

        options.FineTune.Steps.Should().Be(100);
        log.Should().NotContain("nas-bert's default");
    }

    [Fact]
    public void A_method_without_defaults_keeps_the_library_defaults()
    {
        var (options, log) = Open("length-adaptive", "--method", "length-adaptive", "--space", "tiny-lengths");

        options.Should().BeEquivalentTo(RunOptions.Defaults with { Method = "length-adaptive", Space = "tiny-lengths" }, o => o.Excluding(x => x.Distributed));
        log.Should().NotContain("default:");
    }

    [Fact]
    public void A_run_opened_from_code_takes_its_options_as_they_are()
    {
        var run = Path.Combine(root, "code");
        var options = RunOptions.Defaults with { Method = "nas-bert", Space = "tiny-blocks" };

        using (RunEngine.Open(RunRequest.For(run, options), new QuietRunEvents())) { }

        RunOptions.Load(Path.Combine(run, "run.json")).FineTune.Steps.Should().Be(100);
    }

    [Fact]
    public void Every_method_default_fits_its_setting_and_validates()
    {
        foreach (var method in MethodCatalog.All)
        {
            var instance = method.Create();
            var (options, lines) = MethodDefault.Apply(method.Name, instance, RunOptions.Defaults with { Method = method.Name }, new HashSet<string>());
            options.Validate();
            lines.Should().HaveCount(instance.Defaults.Count, method.Name);
        }
    }

    [Fact]
    public void Describe_method_lists_the_method_defaults()
    {
        var (code, output, _) = DriverHarness.Run("describe-method", "nas-bert");

        code.Should().Be(0);
        output.Should().Contain("defaults of its own").And.Contain("--fine-tune-steps 400 (the library's is 100)");
        DriverHarness.Run("describe-method", "length-adaptive").Output.Should().NotContain("defaults of its own");
    }

    [Fact]
    public void A_new_one_shot_run_puts_its_layer_norms_first()
    {
        var (options, log) = Open("one-shot", "--method", "one-shot");

        options.LayerNorm.Should().Be(LayerNormPlacement.Pre);
        log.Should().Contain("one-shot's default: --layer-norm Pre (the library's is Post)");
    }

    [Theory]
    [InlineData("fine-tune-step", "no setting is named 'fine-tune-step'")]
    [InlineData("fine-tune-learning-rate", "holds Double, not Int32")]
    [InlineData("nproc", "cannot have a method's default")]
    public void A_default_that_does_not_fit_a_setting_is_refused(string name, string message)
    {
        var make = () => MethodDefault.Of(name, 3, "because");

        make.Should().Throw<InvalidOperationException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void A_method_cannot_default_what_names_the_run()
    {
        var make = () => MethodDefault.Of("space", "bort", "because");

        make.Should().Throw<InvalidOperationException>().WithMessage("*'space' cannot have a method's default*");
    }
}
