using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DslNas.Generators.Tests;

public sealed class CachingTests
{
    private const string SpaceSource = """
        using DslNas;
        namespace Demo;
        [SearchSpace("cached")]
        public sealed partial record S
        {
            [Layers(2, 4)] public int Layers { get; init; }
            [Hidden(64)] public int Hidden { get; init; }
            [Heads(2)] public int Heads { get; init; }
        }
        """;

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results[0].TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Fact]
    public void An_unrelated_edit_leaves_the_steps_cached_and_a_real_change_modifies_them()
    {
        var compilation = GeneratorHarness.Compile(SpaceSource, "namespace Demo; public class Other { }");
        var driver = GeneratorHarness.Driver(track: true).RunGenerators(compilation);

        var unrelated = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("namespace Demo; public class Other { public int X; }", GeneratorHarness.ParseOptions, path: "Source1.cs"));
        var afterUnrelated = driver.RunGenerators(unrelated);
        Reasons(afterUnrelated, TrackingNames.Parse).Should().OnlyContain(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
        Reasons(afterUnrelated, TrackingNames.Spaces).Should().OnlyContain(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);

        var changed = unrelated.ReplaceSyntaxTree(unrelated.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText(SpaceSource.Replace("[Layers(2, 4)]", "[Layers(2, 4, 6)]"), GeneratorHarness.ParseOptions, path: "Source0.cs"));
        var afterChange = afterUnrelated.RunGenerators(changed);
        Reasons(afterChange, TrackingNames.Parse).Should().Contain(IncrementalStepRunReason.Modified);
        Reasons(afterChange, TrackingNames.Spaces).Should().Contain(IncrementalStepRunReason.Modified);
    }
}
