using System.Diagnostics;
using System.Globalization;
using DslNas.GeneratorFuzz;

// Mutates the seed spaces and samples and compiles every mutant with the DslNas generator, then prints the counts.
// Usage: dotnet run --project tools/GeneratorFuzz -c Release -- [--count 10000] [--seed 17] [--show 5] [--mutant N]
// --mutant N compiles mutant N of the seed alone and prints it, its verdict and its errors.
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "");
int Option(string name, int fallback)
{
    if (!options.TryGetValue(name, out var text)) return fallback;
    return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
        ? value
        : throw new ArgumentException($"--{name} must be a non-negative integer, got '{text}'");
}

int count, seed, show, single;
try
{
    count = Option("count", 10_000);
    seed = Option("seed", 17);
    show = Option("show", 5);
    single = Option("mutant", -1);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var compiler = new MutantCompiler();
foreach (var origin in Seed.All)
{
    var verdict = compiler.Compile(origin.Source);
    if (verdict.Outcome != Outcome.Compiled)
    {
        Console.Error.WriteLine($"the seed {origin.Name} itself does not compile: {string.Join(Environment.NewLine, verdict.Errors)}");
        return 1;
    }
}

if (single >= 0)
{
    if (new Campaign(compiler, seed).Mutant(single) is not { } mutant)
    {
        Console.WriteLine($"mutant {single} of seed {seed}: no mutation applied");
        return 0;
    }
    Console.WriteLine($"mutant {mutant.Number} of {mutant.Seed} ({mutant.Description}): {mutant.Result.Outcome}");
    foreach (var error in mutant.Result.Errors) Console.WriteLine("  " + error);
    Console.WriteLine(mutant.Source);
    return mutant.Result.Outcome is Outcome.Crashed or Outcome.Unlocated ? 1 : 0;
}

Console.WriteLine($"generator fuzzing: {count} mutants of {Seed.All.Count} seeds ({string.Join(", ", Seed.All.Select(s => s.Name))}), seed {seed}");
var clock = Stopwatch.StartNew();
var tally = new Campaign(compiler, seed).Run(count, mutant =>
{
    if ((mutant.Number + 1) % 1000 == 0) Console.WriteLine($"  {mutant.Number + 1} mutants, {clock.Elapsed.TotalSeconds:0} s");
});

Console.WriteLine($"mutants tried:                    {tally.Tried}");
Console.WriteLine($"compiled:                         {tally[Outcome.Compiled]}");
Console.WriteLine($"rejected with located errors:     {tally[Outcome.Rejected]}");
Console.WriteLine($"generator or analyzer crashes:    {tally[Outcome.Crashed]}");
Console.WriteLine($"unlocated errors:                 {tally[Outcome.Unlocated]}");
Console.WriteLine($"time:                             {clock.Elapsed.TotalSeconds:0} s");
foreach (var failure in tally.Failures.Take(show))
{
    Console.WriteLine();
    Console.WriteLine($"mutant {failure.Number} of {failure.Seed} ({failure.Description}): {failure.Result.Outcome}");
    foreach (var error in failure.Result.Errors.Take(3))
    {
        // An exception's message, then the frame of DslNas code that threw it.
        var lines = error.Split('\n');
        Console.WriteLine("  " + lines[0]);
        if (lines.FirstOrDefault(l => l.TrimStart().StartsWith("at DslNas.", StringComparison.Ordinal)) is { } frame) Console.WriteLine("    " + frame.Trim());
    }
    Console.WriteLine(failure.Source);
}
return tally.Failures.Count == 0 ? 0 : 1;
