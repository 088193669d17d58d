
namespace DslNas.Spaces.Tests;

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>The driver verbs of this issue, as a generated entry point runs them (the console is captured, so these run alone).</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class DriverTests
{
    private static (int Code, string Output, string Error) Run(params string[] args) => DriverHarness.Run(args);

    [Fact]
    public void Spaces_lists_names_sizes_and_summaries()
    {
        var (code, output, _) = Run("spaces");
        code.Should().Be(0);
        output.Should().Contain("bort").And.Contain("300").And.Contain("90926189348006250000").And.Contain("50,388");
    }

    [Fact]
    public void Describe_shows_dimensions_constraints_extremes_and_presets()
    {
        var (code, output, _) = Run("describe", "bort");
        code.Should().Be(0);
        output.Should().Contain("Heads        Heads      global                   {4, 8, 12, 16}")
            .And.Contain("heads divide the hidden size (HeadsDivideHidden)")
            .And.Contain("architectures: 300")
            .And.Contain("largest: Layers=12, Heads=4, Hidden=1024, FfnSize=3072")
            .And.Contain($"parameters {Bort.Space.Largest.Parameters():N0}")
            .And.Contain("preset bert-large");
    }

    [Fact]
    public void Unknown_spaces_and_verbs_give_one_clear_error()
    {
        var (code, _, error) = Run("describe", "bortt");
        code.Should().Be(2);
        error.Should().StartWith("error: unknown search space 'bortt'; known search spaces: bort, ").And.NotContain("   at ");
        Run("frobnicate").Code.Should().NotBe(0);
        Run("describe").Code.Should().NotBe(0, "describe needs a space name");
    }
}
