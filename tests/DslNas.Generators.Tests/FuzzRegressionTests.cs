using Microsoft.CodeAnalysis;

namespace DslNas.Generators.Tests;

/// <summary>
/// Declarations the generator fuzzing found crashing the generator or the analyzer, or failing only in generated code:
/// each is now refused at the declaration, and the generator and analyzer finish without an exception.
/// </summary>
public sealed class FuzzRegressionTests
{
    private const string Space = """
        using DslNas;
        namespace Demo;
        [SearchSpace("test-space")]
        public sealed partial record S
        {
            [Layers(2, 4)] public int Layers { get; init; }
            [Hidden(64, 128), PerBlock(2)] public Layered<int> Hidden { get; init; } = [64, 64];
            [Heads(2, 4)] public Layered<int> Heads { get; init; } = [2, 2];

            [Constraint("heads fit")]
            static bool Fits(int hidden, [Previous("Heads")] int previous, int heads) => heads <= previous * 2 && hidden > heads;

            [Preset("small")]
            public static S Small => new() { Layers = 2, Hidden = [64, 64], Heads = [2, 2] };
        }
        """;

    private static GeneratorHarness.Result Run(string source) => GeneratorHarness.Run(source);

    private static void ShouldBeRefusedInTheDeclaration(GeneratorHarness.Result result)
    {
        result.Diagnostics.Should().NotContain(d => d.Id == "CS8785" || d.Id == "AD0001", "the generator and the analyzer must not throw");
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Concat(result.CompilerErrors).ToList();
        errors.Should().Contain(d => d.Location.IsInSource && d.Location.SourceTree!.FilePath == "Source0.cs", "the user is shown what to change");
        result.CompilerErrors.Should().NotContain(d => d.Location.SourceTree != null && d.Location.SourceTree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal),
            "nothing is generated from a declaration the compiler could not bind");
    }

    [Fact]
    public void The_declaration_compiles_unmutated()
    {
        var result = Run(Space);
        result.Diagnostics.Should().BeEmpty();
        result.CompilerErrors.Should().BeEmpty();
    }

    [Theory]
    [InlineData("[Preset(\"small\")]", "[Preset()]")]
    [InlineData("[Preset(\"small\")]", "[Preset(\"small\", OutsideSpace = true, Op.Identity)]")]
    [InlineData("PerBlock(2)", "PerBlock")]
    [InlineData("PerBlock(2)", "PerBlock(\"2\")")]
    [InlineData("[Previous(\"Heads\")]", "[Previous]")]
    [InlineData("[Previous(\"Heads\")]", "[Previous(\"Heads\", Layers)]")]
    [InlineData("[Layers(2, 4)]", "[Layers(2, \"4\")]")]
    [InlineData("[Constraint(\"heads fit\")]", "[Constraint(42)]")]
    [InlineData("[SearchSpace(\"test-space\")]", "[SearchSpace(7)]")]
    [InlineData("[Heads(2, 4)]", "[Heads(null)]")]
    public void An_attribute_the_compiler_cannot_bind_is_refused_at_the_attribute(string from, string to) =>
        ShouldBeRefusedInTheDeclaration(Run(Space.Replace(from, to)));

    [Fact]
    public void A_method_attribute_the_compiler_cannot_bind_is_refused_at_the_attribute()
    {
        const string method = """
            using System.Collections.Generic;
            using DslNas;
            using DslNas.Runs;
            namespace Demo;
            [NasMethod(1, Summary = "a test")]
            public sealed class M : INasMethod
            {
                public IReadOnlyList<MethodStage> Stages => [];
                public string? Rejects(SearchSpaceDescriptor space) => null;
            }
            """;
        var result = Run(method);
        ShouldBeRefusedInTheDeclaration(result);
        result.Diagnostics.Should().NotContain(d => d.Id == "DNAS0026", "an argument that does not bind is the compiler's error, not a malformed name");
    }

    [Theory]
    [InlineData("static bool Fits<T>(int hidden")]
    [InlineData("static bool Fits(ref int hidden")]
    [InlineData("static bool Fits(in int hidden")]
    public void A_constraint_the_generated_code_cannot_call_is_refused_at_the_constraint(string signature) =>
        ShouldBeRefusedInTheDeclaration(Run(Space.Replace("static bool Fits(int hidden", signature)));

    [Theory]
    [InlineData("Layered.Repeat(2, -1)")]
    [InlineData("Layered.Repeat(2, int.MaxValue)")]
    public void A_preset_repeating_a_value_a_negative_or_huge_number_of_times_is_left_to_run_time(string heads)
    {
        var result = Run(Space.Replace("Heads = [2, 2] };", $"Heads = {heads} }};"));
        result.Diagnostics.Should().NotContain(d => d.Id == "CS8785" || d.Id == "AD0001");
        result.CompilerErrors.Should().BeEmpty();
    }

    [Fact]
    public void Names_that_are_keywords_declared_with_an_at_sign_compile()
    {
        const string keywords = """
            using DslNas;
            namespace Demo;
            [SearchSpace("keywords")]
            public sealed partial record @event
            {
                [Layers(2)] public int @int { get; init; }
                [Hidden(8, 16)] public int @class { get; init; }
                [Heads(1, 2)] public Layered<int> @new { get; init; } = [1, 1];

                [Constraint("heads fit")]
                static bool @static(int @class, int @new) => @class >= @new * 4;

                [Preset("small")]
                public static @event @this => new() { @int = 2, @class = 8, @new = [1, 2] };
            }
            """;
        var result = Run(keywords);
        result.Diagnostics.Should().BeEmpty();
        result.CompilerErrors.Should().BeEmpty();
    }
}
