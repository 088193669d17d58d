using DslNas.GeneratorFuzz;

namespace DslNas.Generators.Tests;

/// <summary>
/// A fixed-seed series of mutants of the seed spaces and samples (tools/GeneratorFuzz runs the long campaign): the
/// generator and the analyzer never throw, and every mutant that does not compile has an error inside the declaration.
/// </summary>
public sealed class GeneratorFuzzingTests
{
    private const int Mutants = 200;
    private static readonly MutantCompiler Compiler = new();

    [Fact]
    public void Every_seed_compiles_unmutated()
    {
        Seed.All.Select(s => s.Name).Should().Contain(["Bort", "FastTransformer", "LengthAdaptive", "NasBert", "TinyEncoder", "RandomPickMethod"]);
        foreach (var seed in Seed.All)
        {
            var result = Compiler.Compile(seed.Source);
            result.Outcome.Should().Be(Outcome.Compiled, $"{seed.Name} compiles as written: {string.Join("; ", result.Errors)}");
        }
    }

    [Fact]
    public void No_mutant_crashes_the_generator_and_every_rejection_is_located()
    {
        var tally = new Campaign(Compiler, seed: 17).Run(Mutants);
        tally.Tried.Should().Be(Mutants);
        tally.Failures.Select(f => $"mutant {f.Number} of {f.Seed} ({f.Description}): {f.Result.Outcome}: {f.Result.Errors.FirstOrDefault()}\n{f.Source}")
            .Should().BeEmpty();
        tally[Outcome.Rejected].Should().BeGreaterThan(Mutants / 2, "most mutations break a declaration");
        tally[Outcome.Compiled].Should().BeGreaterThan(0, "some mutations leave a valid declaration");
    }

    [Fact]
    public void A_mutant_is_reproduced_from_its_number_alone()
    {
        var first = new Campaign(Compiler, seed: 17).Mutant(7)!;
        var again = new Campaign(Compiler, seed: 17).Mutant(7)!;
        again.Source.Should().Be(first.Source);
        again.Description.Should().Be(first.Description);
        new Campaign(Compiler, seed: 18).Mutant(7)!.Source.Should().NotBe(first.Source);
        new Campaign(Compiler, seed: 17).Mutant(3)!.Description.Should().Be("alter a literal", "a mutant is the same in every process, not salted per run");
    }

    [Fact]
    public void An_error_outside_the_declaration_is_unlocated_and_one_inside_is_located()
    {
        var bort = Seed.All.Single(s => s.Name == "Bort").Source;
        Compiler.Compile(bort.Replace("[Heads(4, 8, 12, 16)]", "[Heads(4, \"8\")]")).Outcome.Should().Be(Outcome.Rejected);
        var outside = Compiler.Compile("using Missing.Namespace;\n" + bort);
        outside.Outcome.Should().Be(Outcome.Unlocated);
        outside.Errors.Should().ContainSingle().Which.Should().Contain("Missing");
    }
}
