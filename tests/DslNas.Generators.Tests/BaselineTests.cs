using System.Runtime.CompilerServices;

namespace DslNas.Generators.Tests;

/// <summary>
/// The generated source of each seed space against the checked-in baseline. Set DSLNAS_UPDATE_BASELINES=1 to rewrite
/// the baselines after an intended change to the emitter, then review the diff.
/// </summary>
public sealed class BaselineTests
{
    public static TheoryData<string> Spaces() => new("Bort", "NasBert", "FastTransformer", "LengthAdaptive");

    [Theory]
    [MemberData(nameof(Spaces))]
    public void Generated_source_matches_the_baseline(string space)
    {
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Spaces", space + ".cs"));
        var result = GeneratorHarness.Run(source);
        result.Diagnostics.Should().BeEmpty();
        result.CompilerErrors.Should().BeEmpty();
        foreach (var part in new[] { "Space", "Registration" })
        {
            var name = $"DslNas.Spaces.{space}.{part}.g.cs";
            var baseline = Path.Combine(BaselineDirectory(), name);
            if (Environment.GetEnvironmentVariable("DSLNAS_UPDATE_BASELINES") == "1") File.WriteAllText(baseline, result.Generated[name]);
            File.Exists(baseline).Should().BeTrue($"{name} has a baseline (run with DSLNAS_UPDATE_BASELINES=1 to create it)");
            result.Generated[name].Should().Be(File.ReadAllText(baseline), $"{name} changed; if intended, update the baselines with DSLNAS_UPDATE_BASELINES=1");
        }
    }

    private static string BaselineDirectory([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Baselines");
}
