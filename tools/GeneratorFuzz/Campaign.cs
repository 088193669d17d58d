namespace DslNas.GeneratorFuzz;

/// <summary>One mutant: its number in the campaign, the seed it came from, what was done, the source and the verdict.</summary>
public sealed record Mutant(int Number, string Seed, string Description, string Source, MutantResult Result);

/// <summary>
/// A fixed-seed series of mutants over every seed declaration in turn. Mutant number i depends only on the campaign's
/// seed and i, so any single mutant can be reproduced alone.
/// </summary>
public sealed class Campaign(MutantCompiler compiler, int seed)
{
    /// <summary>Mutant number <paramref name="number"/>; null when no mutation applied to its seed.</summary>
    public Mutant? Mutant(int number)
    {
        var origin = Seed.All[number % Seed.All.Count];
        // Not HashCode.Combine: it is salted per process, and a mutant must be the same in every run.
        var random = new Random(unchecked(seed * 1_000_003 + number));
        return Mutator.Mutate(origin.Source, random) is { } mutation
            ? new Mutant(number, origin.Name, mutation.Description, mutation.Source, compiler.Compile(mutation.Source))
            : null;
    }

    /// <summary>Mutants 0 .. count-1, each handed to <paramref name="observe"/> as it is judged.</summary>
    public Tally Run(int count, Action<Mutant>? observe = null)
    {
        var tally = new Tally();
        for (var i = 0; i < count; i++)
        {
            if (Mutant(i) is not { } mutant) continue;
            tally.Add(mutant);
            observe?.Invoke(mutant);
        }
        return tally;
    }
}

/// <summary>Counts of outcomes, and the mutants that break the generator's promise (crashes and unlocated errors).</summary>
public sealed class Tally
{
    private readonly Dictionary<Outcome, int> counts = Enum.GetValues<Outcome>().ToDictionary(o => o, _ => 0);
    private readonly List<Mutant> failures = [];

    public int Tried { get; private set; }

    public int this[Outcome outcome] => counts[outcome];

    public IReadOnlyList<Mutant> Failures => failures;

    public void Add(Mutant mutant)
    {
        Tried++;
        counts[mutant.Result.Outcome]++;
        if (mutant.Result.Outcome is Outcome.Crashed or Outcome.Unlocated) failures.Add(mutant);
    }
}
