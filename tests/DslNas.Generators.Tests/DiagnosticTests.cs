using Microsoft.CodeAnalysis;

namespace DslNas.Generators.Tests;

/// <summary>One test per diagnostic: it fires, at the right place, with a message that says what to change.</summary>
public sealed class DiagnosticTests
{
    private static string Space(string body, string header = "[SearchSpace(\"test-space\")]", string modifiers = "public sealed partial record") => $$"""
        using DslNas;
        namespace Demo;
        {{header}}
        {{modifiers}} S
        {
        {{body}}
        }
        """;

    private const string Valid = """
            [Layers(2, 4)] public int Layers { get; init; }
            [Hidden(64, 128)] public int Hidden { get; init; }
            [Heads(2, 4)] public Layered<int> Heads { get; init; } = [2, 2];
        """;

    private static string Method(string header = "[NasMethod(\"test-method\", Summary = \"a test\")]", string declaration = "public sealed class M : INasMethod",
        string body = MethodBody) => $$"""
        using System.Collections.Generic;
        using DslNas;
        using DslNas.Runs;
        namespace Demo;
        {{header}}
        {{declaration}}
        {
        {{body}}
        }
        """;

    private const string MethodBody = """
            public IReadOnlyList<MethodStage> Stages => [];
            public string? Rejects(SearchSpaceDescriptor space) => null;
        """;

    private static Diagnostic Single(string source, string id)
    {
        var result = GeneratorHarness.Run(source);
        var matching = result.Diagnostics.Where(d => d.Id == id).ToList();
        matching.Should().ContainSingle($"the source should raise {id}; it raised {string.Join(", ", result.Diagnostics.Select(d => d.Id + ": " + d.GetMessage()))}");
        return matching[0];
    }

    private static string Text(Diagnostic diagnostic) => diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);

    [Fact]
    public void A_valid_space_raises_nothing_and_compiles()
    {
        var result = GeneratorHarness.Run(Space(Valid));
        result.Diagnostics.Should().BeEmpty();
        result.CompilerErrors.Should().BeEmpty();
        result.Generated.Keys.Should().BeEquivalentTo("Demo.S.Space.g.cs", "Demo.S.Registration.g.cs");
    }

    [Fact]
    public void DNAS0001_type_not_partial()
    {
        var d = Single(Space(Valid, modifiers: "public sealed record"), "DNAS0001");
        Text(d).Should().Be("S");
        d.GetMessage().Should().Contain("add the 'partial' modifier");
    }

    [Fact]
    public void DNAS0002_missing_layers() =>
        Single(Space("[Hidden(64)] public int Hidden { get; init; } [Heads(2)] public int Heads { get; init; }"), "DNAS0002").GetMessage().Should().Contain("[Layers(...)]");

    [Fact]
    public void DNAS0003_missing_hidden() =>
        Single(Space("[Layers(2)] public int Layers { get; init; } [Heads(2)] public int Heads { get; init; }"), "DNAS0003").GetMessage().Should().Contain("[Hidden(...)]");

    [Fact]
    public void DNAS0004_empty_candidates()
    {
        var d = Single(Space(Valid.Replace("[Hidden(64, 128)]", "[Hidden]")), "DNAS0004");
        Text(d).Should().Be("Hidden");
        d.GetMessage().Should().Contain("Min and Max");
    }

    [Fact]
    public void DNAS0005_duplicate_candidate() =>
        Single(Space(Valid.Replace("[Layers(2, 4)]", "[Layers(2, 4, 2)]")), "DNAS0005").GetMessage().Should().Contain("candidate 2 twice");

    [Fact]
    public void DNAS0006_non_positive_size() =>
        Single(Space(Valid.Replace("[Hidden(64, 128)]", "[Hidden(0, 128)]")), "DNAS0006").GetMessage().Should().Contain("candidate 0").And.Contain("positive");

    [Fact]
    public void DNAS0007_role_on_wrong_type()
    {
        var d = Single(Space(Valid.Replace("public int Hidden", "public double Hidden")), "DNAS0007");
        Text(d).Should().Be("Hidden");
        d.GetMessage().Should().Contain("int or Layered<int>").And.Contain("double");
    }

    [Fact]
    public void DNAS0008_role_declared_twice() =>
        Single(Space(Valid + "[Hidden(32)] public int Width { get; init; }"), "DNAS0008").GetMessage().Should().Contain("'Hidden' and 'Width'");

    [Fact]
    public void DNAS0009_constraint_not_static() =>
        Single(Space(Valid + "[Constraint(\"c\")] bool Rule(int hidden) => hidden > 0;"), "DNAS0009").GetMessage().Should().Contain("'static'");

    [Fact]
    public void DNAS0010_constraint_not_bool() =>
        Single(Space(Valid + "[Constraint(\"c\")] static int Rule(int hidden) => hidden;"), "DNAS0010").GetMessage().Should().Contain("must return bool, not int");

    [Fact]
    public void DNAS0011_parameter_names_no_dimension()
    {
        var d = Single(Space(Valid + "[Constraint(\"c\")] static bool Rule(int width) => width > 0;"), "DNAS0011");
        Text(d).Should().Be("width");
        d.GetMessage().Should().Contain("layers, hidden, heads");
    }

    [Fact]
    public void DNAS0012_parameter_of_wrong_type() =>
        Single(Space(Valid + "[Constraint(\"c\")] static bool Rule(double hidden) => hidden > 0;"), "DNAS0012").GetMessage().Should().Contain("declare it int");

    [Fact]
    public void DNAS0013_constraints_nothing_satisfies() =>
        Single(Space(Valid + "[Constraint(\"c\")] static bool Rule(int hidden, int heads) => hidden < heads;"), "DNAS0013").GetMessage().Should().Contain("relax a constraint");

    [Fact]
    public void DNAS0014_candidate_nothing_can_use()
    {
        var d = Single(Space(Valid + "[Constraint(\"c\")] static bool Rule(int hidden) => hidden < 100;"), "DNAS0014");
        d.Severity.Should().Be(DiagnosticSeverity.Warning);
        d.GetMessage().Should().Contain("Hidden = 128");
    }

    [Fact]
    public void DNAS0015_preset_outside_the_space()
    {
        var d = Single(Space(Valid + "[Preset(\"big\")] public static S Big => new() { Layers = 4, Hidden = 128, Heads = [4, 8, 4, 4] };"), "DNAS0015");
        Text(d).Should().Be("Big");
        d.GetMessage().Should().Contain("Heads[1] = 8 is not a candidate").And.Contain("OutsideSpace = true");
        GeneratorHarness.Run(Space(Valid + "[Preset(\"big\", OutsideSpace = true)] public static S Big => new() { Layers = 24, Hidden = 128, Heads = [4] };"))
            .Diagnostics.Should().BeEmpty("a reference preset may lie outside the space");
    }

    [Fact]
    public void DNAS0016_literal_outside_the_space()
    {
        var source = Space(Valid) + """

            public static class Use
            {
                public static Demo.S A => new() { Layers = 5, Hidden = 64, Heads = [2, 3] };
                public static Demo.S B => A with { Heads = [2, 2, 2] , Layers = 2 };
            }
            """;
        var diagnostics = GeneratorHarness.Run(source).Diagnostics.Where(d => d.Id == "DNAS0016").ToList();
        diagnostics.Select(Text).Should().BeEquivalentTo("5", "3", "[2, 3]", "[2, 2, 2]");
        diagnostics.Select(d => d.GetMessage()).Should().Contain(m => m.Contains("5 is not a candidate of S.Layers; allowed: 2, 4"));
        diagnostics.Select(d => d.GetMessage()).Should().Contain(m => m.Contains("S.Heads has 3 values but Layers is 2"));
    }

    [Fact]
    public void DNAS0017_duplicate_space_names()
    {
        var other = Space(Valid).Replace("partial record S", "partial record T");
        var d = GeneratorHarness.Run(Space(Valid), other).Diagnostics.Should().ContainSingle(x => x.Id == "DNAS0017").Subject;
        d.GetMessage().Should().Contain("'test-space'").And.Contain("global::Demo.S").And.Contain("global::Demo.T");
    }

    [Fact]
    public void DNAS0018_malformed_name() =>
        Single(Space(Valid, header: "[SearchSpace(\"My Space\")]"), "DNAS0018").GetMessage().Should().Contain("kebab-case").And.Contain("'my-space'");

    [Fact]
    public void DNAS0019_op_needs_a_missing_dimension()
    {
        var body = """
                [Layers(2)] public int Layers { get; init; }
                [Hidden(64)] public int Hidden { get; init; }
                [Op(Op.Attention, Op.Ffn)] public Layered<Op> Ops { get; init; } = [Op.Ffn, Op.Ffn];
            """;
        Single(Space(body), "DNAS0019").GetMessage().Should().Contain("Op.Attention needs a [Heads] dimension");
    }

    [Fact]
    public void DNAS0020_constraint_outside_the_interpretable_subset()
    {
        var d = Single(Space(Valid + "[Constraint(\"c\")] static bool Rule(int hidden) { var h = hidden; return h > 0; }"), "DNAS0020");
        d.Severity.Should().Be(DiagnosticSeverity.Warning);
        d.GetMessage().Should().Contain("statements other than a single return");
        Single(Space(Valid + "[Constraint(\"c\")] static bool Rule(int hidden) => System.Math.Sqrt(hidden) > 1;"), "DNAS0020").GetMessage().Should().Contain("System.Math.Sqrt");
    }

    [Fact]
    public void DNAS0021_malformed_range() =>
        Single(Space(Valid.Replace("[Hidden(64, 128)]", "[Hidden(Min = 128, Max = 64)]")), "DNAS0021").GetMessage().Should().Contain("Min = 128, Max = 64");

    [Fact]
    public void DNAS0021_a_range_too_long_to_list_is_refused_without_expanding_it() =>
        Single(Space(Valid.Replace("[Hidden(64, 128)]", "[Hidden(Min = 1, Max = int.MaxValue)]")), "DNAS0021").GetMessage().Should().Contain("at most 1024 candidates");

    [Fact]
    public void DNAS0022_per_block_misuse()
    {
        Single(Space(Valid.Replace("[Hidden(64, 128)]", "[Hidden(64, 128), PerBlock(2)]")), "DNAS0022").GetMessage().Should().Contain("Layered<T> properties only");
        Single(Space(Valid.Replace("[Heads(2, 4)]", "[Heads(2, 4), PerBlock(3)]")), "DNAS0022").GetMessage().Should().Contain("2 is not a multiple of 3");
    }

    [Fact]
    public void DNAS0023_layers_must_be_global() =>
        Single(Space(Valid.Replace("[Layers(2, 4)] public int Layers { get; init; }", "[Layers(2, 4)] public Layered<int> Layers { get; init; } = [2];")), "DNAS0023")
            .GetMessage().Should().Contain("single int");

    [Fact]
    public void A_valid_method_raises_nothing_and_compiles()
    {
        var result = GeneratorHarness.Run(Method());
        result.Diagnostics.Should().BeEmpty();
        result.CompilerErrors.Should().BeEmpty();
        result.Generated.Keys.Should().BeEquivalentTo("Demo.M.MethodRegistration.g.cs");
    }

    [Fact]
    public void DNAS0024_method_does_not_implement_INasMethod()
    {
        var source = Method(declaration: "public sealed class M");
        var d = Single(source, "DNAS0024");
        Text(d).Should().Be("M");
        d.GetMessage().Should().Contain("does not implement DslNas.Runs.INasMethod: implement it");
        GeneratorHarness.Run(source).Generated.Should().BeEmpty("a method with an error is not registered");
    }

    [Theory]
    [InlineData("public abstract class M : INasMethod", MethodBody, "remove the 'abstract' modifier")]
    [InlineData("public static class M", "", "remove the 'static' modifier")]
    [InlineData("public sealed class M<T> : INasMethod", MethodBody, "remove the type parameters")]
    [InlineData("file sealed class M : INasMethod", MethodBody, "remove the 'file' modifier")]
    [InlineData("public sealed class M(int depth) : INasMethod", MethodBody, "add a public or internal parameterless constructor")]
    [InlineData("public sealed class M : INasMethod", "private M() { }" + MethodBody, "add a public or internal parameterless constructor")]
    public void DNAS0025_method_cannot_be_created(string declaration, string body, string change)
    {
        var source = Method(declaration: declaration, body: body);
        var d = Single(source, "DNAS0025");
        Text(d).Should().Be("M");
        d.GetMessage().Should().Contain("'new M()'").And.Contain(change);
        GeneratorHarness.Run(source).Generated.Should().BeEmpty("a method with an error is not registered");
    }

    [Fact]
    public void DNAS0025_method_nested_out_of_reach()
    {
        var source = Method(header: "public sealed class Outer {", declaration: "[NasMethod(\"test-method\")] private sealed class M : INasMethod", body: MethodBody) + "}";
        var d = Single(source, "DNAS0025");
        Text(d).Should().Be("M");
        d.GetMessage().Should().Contain("make 'M' public or internal");
        var reachable = GeneratorHarness.Run(source.Replace("private sealed class M", "internal sealed class M"));
        reachable.Diagnostics.Should().BeEmpty();
        reachable.CompilerErrors.Should().BeEmpty();
        reachable.Generated.Keys.Should().BeEquivalentTo("Demo.Outer.M.MethodRegistration.g.cs");
        Single(source.Replace("class Outer", "class Outer<T>").Replace("private sealed class M", "internal sealed class M"), "DNAS0025")
            .GetMessage().Should().Contain("remove the type parameters (its own and those of the types that contain it)");
    }

    [Fact]
    public void DNAS0026_malformed_method_name()
    {
        var d = Single(Method(header: "[NasMethod(\"My Method\")]"), "DNAS0026");
        Text(d).Should().Be("NasMethod(\"My Method\")");
        d.GetMessage().Should().Contain("kebab-case").And.Contain("'my-method'");
        Single(Method(header: "[NasMethod(\"\")]", declaration: "public sealed class OneShotMethod : INasMethod"), "DNAS0026")
            .GetMessage().Should().Contain("'one-shot-method'", "an empty name is suggested from the type's name");
        Single(Method(header: "[NasMethod(\"2-phase\")]"), "DNAS0026").GetMessage().Should().Contain("'method-2-phase'");
    }

    [Fact]
    public void DNAS0027_duplicate_method_names()
    {
        var other = Method(header: "[NasMethod(\"test-method\", Summary = \"another\")]", declaration: "public sealed class N : INasMethod");
        var d = GeneratorHarness.Run(Method(), other).Diagnostics.Should().ContainSingle(x => x.Id == "DNAS0027").Subject;
        d.Location.SourceTree!.FilePath.Should().Be("Source1.cs");
        Text(d).Should().Be("NasMethod(\"test-method\", Summary = \"another\")");
        d.GetMessage().Should().Contain("'test-method'").And.Contain("global::Demo.M").And.Contain("global::Demo.N").And.Contain("its own name");
        GeneratorHarness.Run(Method(header: "[NasMethod(\"test-space\")]"), Space(Valid)).Diagnostics
            .Should().BeEmpty("spaces and methods are named in separate catalogs");
    }

    [Fact]
    public void DNAS0028_constraint_the_generated_code_cannot_call()
    {
        var generic = Single(Space(Valid + "[Constraint(\"c\")] static bool Rule<T>(int hidden) => hidden > 0;"), "DNAS0028");
        Text(generic).Should().Be("Rule");
        generic.GetMessage().Should().Contain("is generic; remove its type parameters");
        var byReference = Single(Space(Valid + "[Constraint(\"c\")] static bool Rule(ref int hidden) => hidden > 0;"), "DNAS0028");
        Text(byReference).Should().Be("hidden");
        byReference.GetMessage().Should().Contain("remove its 'ref' modifier");
        GeneratorHarness.Run(Space(Valid + "[Constraint(\"c\")] static bool Rule<T>(int hidden) => hidden > 0;")).CompilerErrors
            .Should().BeEmpty("a space with an error generates nothing that could fail to compile");
    }

    [Theory]
    [InlineData("[Choice(1e-4, 3e-4)] public bool Rate { get; init; }", "0.0001", "bool")]
    [InlineData("[Choice(1.5, 2)] public int Width { get; init; }", "1.5", "int")]
    [InlineData("[Choice(\"a\", null)] public string Mode { get; init; } = \"a\";", "null", "string")]
    [InlineData("[Choice(1, 2)] public string Mode { get; init; } = \"a\";", "1", "string")]
    public void DNAS0029_candidate_of_the_wrong_type(string property, string candidate, string type)
    {
        var d = Single(Space(Valid + property), "DNAS0029");
        d.GetMessage().Should().Contain($"the candidate {candidate},").And.Contain($"its type {type}");
        Text(d).Should().StartWith("Choice(");
    }

    [Fact]
    public void DNAS0029_an_op_that_is_no_member_of_Op() =>
        Single(Space(Valid + "[Op(Op.Ffn, (Op)99)] public Layered<Op> Ops { get; init; } = [Op.Ffn, Op.Ffn];"), "DNAS0029").GetMessage().Should().Contain("candidate 99");

    [Fact]
    public void DNAS0030_more_layers_than_a_space_holds()
    {
        var d = Single(Space(Valid.Replace("[Layers(2, 4)]", "[Layers(2, 1 << 30)]")), "DNAS0030");
        Text(d).Should().Be("Layers(2, 1 << 30)");
        d.GetMessage().Should().Contain("candidate 1073741824").And.Contain("at most 1024 layers");
    }

    [Theory]
    [InlineData("public sealed partial record S", "public sealed partial record Space", "Space")]
    [InlineData("[Layers(2, 4)] public int Layers", "public int Parameters { get; init; } [Layers(2, 4)] public int Layers", "Parameters")]
    [InlineData("[Layers(2, 4)] public int Layers", "public static void Supernet() { } [Layers(2, 4)] public int Layers", "Supernet")]
    public void DNAS0031_name_reserved_by_the_generated_API(string from, string to, string name)
    {
        var source = Space(Valid).Replace(from, to);
        var d = Single(source, "DNAS0031");
        Text(d).Should().Be(name);
        d.GetMessage().Should().Contain($"'{name}' is a name the generator gives").And.Contain("rename it");
        GeneratorHarness.Run(source).CompilerErrors.Should().NotContain(e => e.Location.SourceTree!.FilePath.EndsWith(".g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_descriptor_has_a_test_and_diagnostics_can_be_suppressed()
    {
        var tested = typeof(DiagnosticTests).GetMethods().Select(m => m.Name).Where(n => n.StartsWith("DNAS", StringComparison.Ordinal)).Select(n => n[..8]).Distinct();
        tested.Should().BeEquivalentTo(DiagnosticDescriptors.All.Select(d => d.Id));
        var suppressed = "#pragma warning disable DNAS0014\n" + Space(Valid + "[Constraint(\"c\")] static bool Rule(int hidden) => hidden < 100;");
        var result = GeneratorHarness.Run(suppressed);
        var compilation = GeneratorHarness.Compile(suppressed);
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        diagnostics.Should().Contain(d => d.Id == "DNAS0014", "the generator reports it with a real location");
        CompilationWithAnalyzersOptions(output).Should().NotContain(d => d.Id == "DNAS0014" && !d.IsSuppressed);
        result.CompilerErrors.Should().BeEmpty();
    }

    private static IEnumerable<Diagnostic> CompilationWithAnalyzersOptions(Compilation output) =>
        output.GetDiagnostics().Where(d => d.Id.StartsWith("DNAS", StringComparison.Ordinal));
}
