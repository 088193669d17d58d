using System.Runtime.CompilerServices;

namespace DslNas.Generators.Tests;

/// <summary>
/// The generated source of each seed space and of a sample method against the checked-in baseline. Set
/// DSLNAS_UPDATE_BASELINES=1 to rewrite the baselines after an intended change to the emitter, then review the diff.
/// </summary>
public sealed class BaselineTests
{
    public static TheoryData<string> Spaces() => new("Bort", "NasBert", "FastTransformer", "LengthAdaptive");

    private const string Method = """
        using System.Collections.Generic;
        using DslNas;
        using DslNas.Runs;
        namespace DslNas.Methods.Sample;
        [NasMethod("one-shot", Summary = "one supernet, NSGA-II over \"measured\" latency, extract and fine-tune")]
        public sealed class OneShotMethod : INasMethod
        {
            public IReadOnlyList<MethodStage> Stages => [];
            public string? Rejects(SearchSpaceDescriptor space) => null;
        }
        """;

    [Theory]
    [MemberData(nameof(Spaces))]
    public void Generated_source_matches_the_baseline(string space)
    {
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Spaces", space + ".cs"));
        var result = GeneratorHarness.Run(source);
        result.Diagnostics.Should().BeEmpty();
        result.CompilerErrors.Should().BeEmpty();
        foreach (var part in new[] { "Space", "Registration" })
            MatchesBaseline(result, $"DslNas.Spaces.{space}.{part}.g.cs");
    }

    [Fact]
    public void Generated_method_registration_matches_the_baseline()
    {
        var result = GeneratorHarness.Run(Method);
        result.Diagnostics.Should().BeEmpty();
        result.CompilerErrors.Should().BeEmpty();
        MatchesBaseline(result, "DslNas.Methods.Sample.OneShotMethod.MethodRegistration.g.cs");
    }

    private static void MatchesBaseline(GeneratorHarness.Result result, string name)
    {
        var baseline = Path.Combine(BaselineDirectory(), name);
        if (Environment.GetEnvironmentVariable("DSLNAS_UPDATE_BASELINES") == "1") File.WriteAllText(baseline, result.Generated[name]);
        File.Exists(baseline).Should().BeTrue($"{name} has a baseline (run with DSLNAS_UPDATE_BASELINES=1 to create it)");
        result.Generated[name].Should().Be(File.ReadAllText(baseline), $"{name} changed; if intended, update the baselines with DSLNAS_UPDATE_BASELINES=1");
    }

    private static string BaselineDirectory([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Baselines");
}
