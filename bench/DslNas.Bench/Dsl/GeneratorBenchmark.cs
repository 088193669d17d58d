using System.Diagnostics;
using System.Globalization;
using DslNas.Bench.Runtime;
using DslNas.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DslNas.Bench.Dsl;

/// <summary>
/// Time the DslNas generator takes for each seed space from scratch (a fresh driver, so nothing is cached): parsing
/// the declaration, the compile-time checks through the shared engine, and emitting. Target: at most 50 ms each.
/// </summary>
public static class GeneratorBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var repeats = options.Int("repeats", 30);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(SearchSpaceAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(DslNas.Torch.Tensor).Assembly.Location))
            .ToList();
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        Console.WriteLine($"generator benchmark: median of {repeats} runs per space after 5 warm-up, fresh driver each run");
        Console.WriteLine("| space | median (ms) | target |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var space in new[] { "Bort", "NasBert", "FastTransformer", "LengthAdaptive" })
        {
            var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "spaces", space + ".cs"));
            var compilation = CSharpCompilation.Create(space, [CSharpSyntaxTree.ParseText(source, parse)], references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var times = new List<double>();
            for (var i = 0; i < repeats + 5; i++)
            {
                var driver = CSharpGeneratorDriver.Create([new SearchSpaceGenerator().AsSourceGenerator()], parseOptions: parse);
                var clock = Stopwatch.StartNew();
                var result = driver.RunGenerators(compilation).GetRunResult();
                if (i >= 5) times.Add(clock.Elapsed.TotalMilliseconds);
                if (result.Diagnostics.Length > 0) throw new InvalidOperationException($"{space}: {result.Diagnostics[0]}");
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {space} | {Median.Of(times):F2} | <= 50 |"));
        }
        return 0;
    }
}
