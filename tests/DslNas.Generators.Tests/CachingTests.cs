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

    private const string MethodSource = """
        using System.Collections.Generic;
        using DslNas;
        using DslNas.Runs;
        namespace Demo;
        [NasMethod("cached-method", Summary = "stays cached")]
        public sealed class M : INasMethod
        {
            public IReadOnlyList<MethodStage> Stages => [];
            public string? Rejects(SearchSpaceDescriptor space) => null;
        }
        """;

    private static bool CachedOrUnchanged(IncrementalStepRunReason reason) => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

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

    [Fact]
    public void A_method_stays_cached_across_unrelated_edits_and_moves_and_a_renamed_method_is_modified()
    {
        var compilation = GeneratorHarness.Compile(MethodSource, "namespace Demo; public class Other { }");
        var driver = GeneratorHarness.Driver(track: true, driverProject: true).RunGenerators(compilation);
        Reasons(driver, TrackingNames.Methods).Should().ContainSingle().Which.Should().Be(IncrementalStepRunReason.New);

        var unrelated = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("namespace Demo; public class Other { public int X; }", GeneratorHarness.ParseOptions, path: "Source1.cs"));
        var afterUnrelated = driver.RunGenerators(unrelated);
        Reasons(afterUnrelated, TrackingNames.ParseMethods).Should().OnlyContain(r => CachedOrUnchanged(r));
        Reasons(afterUnrelated, TrackingNames.Methods).Should().OnlyContain(r => CachedOrUnchanged(r));
        Reasons(afterUnrelated, TrackingNames.Driver).Should().OnlyContain(r => CachedOrUnchanged(r));

        var moved = unrelated.ReplaceSyntaxTree(unrelated.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText(MethodSource.Replace("namespace Demo;", "namespace Demo;\n\n"), GeneratorHarness.ParseOptions, path: "Source0.cs"));
        var afterMove = afterUnrelated.RunGenerators(moved);
        Reasons(afterMove, TrackingNames.ParseMethods).Should().Contain(IncrementalStepRunReason.Modified, "the name's location moved");
        Reasons(afterMove, TrackingNames.Methods).Should().OnlyContain(r => CachedOrUnchanged(r), "the registration does not depend on where the class is");

        var renamed = moved.ReplaceSyntaxTree(moved.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText(MethodSource.Replace("cached-method", "renamed-method"), GeneratorHarness.ParseOptions, path: "Source0.cs"));
        var afterRename = afterMove.RunGenerators(renamed);
        Reasons(afterRename, TrackingNames.Methods).Should().Contain(IncrementalStepRunReason.Modified);
        Reasons(afterRename, TrackingNames.Driver).Should().OnlyContain(r => CachedOrUnchanged(r), "the entry point names the type, not the name");
    }
}
