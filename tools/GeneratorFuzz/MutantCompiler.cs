using System.Collections.Immutable;
using DslNas.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DslNas.GeneratorFuzz;

/// <summary>
/// Compiles a mutant in process as a user's project would: the DslNas generator runs over it, the literal analyzer runs
/// over the result, and the compiler checks everything, generated code included. The declaration is everything after
/// the file's namespace declaration, which is all a mutation touches.
/// </summary>
public sealed class MutantCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    // The implicit usings of an SDK project (the sample project relies on them).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private readonly CSharpCompilation empty;
    private readonly TimeSpan limit;

    public MutantCompiler(TimeSpan? limit = null)
    {
        this.limit = limit ?? TimeSpan.FromSeconds(30);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(SearchSpaceAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(DslNas.Torch.Tensor).Assembly.Location));
        empty = CSharpCompilation.Create("Mutant", [CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions, path: "Usings.cs")], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public MutantResult Compile(string source)
    {
        var work = Task.Run(() => Run(source));
        return work.Wait(limit)
            ? work.Result
            : new MutantResult(Outcome.Crashed, [$"the generator and analyzer did not finish within {limit.TotalSeconds:0} s"]);
    }

    private MutantResult Run(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Mutant.cs");
        var compilation = empty.AddSyntaxTrees(tree);
        var driver = CSharpGeneratorDriver.Create([new SearchSpaceGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var crashes = driver.GetRunResult().Results.Where(r => r.Exception is not null).Select(r => $"generator threw {r.Exception}").ToList();

        var analyzerExceptions = new List<string>();
        var analyzed = output.WithAnalyzers([new LiteralAnalyzer()], new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), (exception, _, _) => analyzerExceptions.Add($"analyzer threw {exception}"), concurrentAnalysis: false,
            logAnalyzerExecutionTime: false));
        var analyzerDiagnostics = analyzed.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

        ImmutableArray<Diagnostic> all = [.. generatorDiagnostics, .. analyzerDiagnostics, .. output.GetDiagnostics()];
        crashes.AddRange(analyzerExceptions);
        crashes.AddRange(all.Where(d => d.Id is "CS8785" or "AD0001").Select(d => d.ToString()));
        if (crashes.Count > 0) return new MutantResult(Outcome.Crashed, crashes);

        var errors = all.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count == 0) return new MutantResult(Outcome.Compiled, []);
        var declaration = Declaration(tree);
        var located = errors.Any(d => d.Location.SourceTree == tree && declaration.Contains(d.Location.SourceSpan));
        return new MutantResult(located ? Outcome.Rejected : Outcome.Unlocated, errors.Select(d => d.ToString()).ToList());
    }

    private static Microsoft.CodeAnalysis.Text.TextSpan Declaration(SyntaxTree tree)
    {
        var root = tree.GetRoot();
        var start = root.DescendantNodes().OfType<FileScopedNamespaceDeclarationSyntax>().FirstOrDefault()?.SemicolonToken.Span.End ?? 0;
        return Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start, root.FullSpan.End);
    }
}
