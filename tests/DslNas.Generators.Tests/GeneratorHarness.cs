using System.Collections.Immutable;
using DslNas.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DslNas.Generators.Tests;

/// <summary>Runs the DslNas generator and analyzer over source text, against the real DslNas runtime.</summary>
public static class GeneratorHarness
{
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p)),
        MetadataReference.CreateFromFile(typeof(SearchSpaceAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(DslNas.Torch.Tensor).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(DslNas.Driver.DriverApp).Assembly.Location),
    ];

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "Test",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <param name="driverProject">Whether the project sets &lt;DslNasDriver&gt;true&lt;/DslNasDriver&gt;.</param>
    public static GeneratorDriver Driver(bool track = false, bool driverProject = false) => CSharpGeneratorDriver.Create(
        [new SearchSpaceGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        optionsProvider: driverProject ? new BuildProperties(("DslNasDriver", "true")) : null,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    /// <summary>The generator's and analyzer's diagnostics, the generated sources, and the compiler's errors on the result.</summary>
    public static Result Run(params string[] sources) => Run(Compile(sources));

    public static Result Run(CSharpCompilation compilation, bool driverProject = false)
    {
        var driver = Driver(driverProject: driverProject).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var analyzed = output.WithAnalyzers([new LiteralAnalyzer()]);
        var analyzerDiagnostics = analyzed.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        var generated = driver.GetRunResult().GeneratedTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => t.ToString());
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("DNAS", StringComparison.Ordinal)).ToList();
        return new Result([.. generatorDiagnostics, .. analyzerDiagnostics], generated, errors, output);
    }

    /// <param name="Output">The compilation with the generated sources, to emit or to reference from another compilation.</param>
    public sealed record Result(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyDictionary<string, string> Generated, IReadOnlyList<Diagnostic> CompilerErrors, Compilation Output);
}
