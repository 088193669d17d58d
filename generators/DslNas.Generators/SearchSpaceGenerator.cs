using System.Collections.Immutable;
using System.Linq;
using DslNas.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslNas.Generators;

/// <summary>
/// Turns every [SearchSpace] type into its Space API, costs, JSON and catalog registration, registers every [NasMethod]
/// class in the method catalog, and gives a project with &lt;DslNasDriver&gt;true&lt;/DslNasDriver&gt; an entry point over
/// every space and method it compiles or references.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SearchSpaceGenerator : IIncrementalGenerator
{
    public const string AttributeName = "DslNas.SearchSpaceAttribute";
    public const string MethodAttributeName = "DslNas.NasMethodAttribute";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeName, static (node, _) => node is TypeDeclarationSyntax, static (ctx, token) => Parser.Parse(ctx, token))
            .WithTrackingName(TrackingNames.Parse);

        // Reported against the compilation's own trees, so that #pragma warning disable and editors see real source locations.
        var diagnostics = parsed.SelectMany(static (r, _) => r.Diagnostics).Combine(context.CompilationProvider);
        context.RegisterSourceOutput(diagnostics, static (spc, input) => spc.ReportDiagnostic(input.Left.ToDiagnostic(input.Right)));

        var spaces = parsed.Where(static r => r.Space is not null).Select(static (r, _) => r.Space!).WithTrackingName(TrackingNames.Spaces);
        context.RegisterSourceOutput(spaces, static (spc, space) =>
        {
            spc.AddSource($"{HintPrefix(space)}.Space.g.cs", Emitter.Space(space));
            spc.AddSource($"{HintPrefix(space)}.Registration.g.cs", Emitter.Registration(space));
        });

        var names = spaces.Select(static (s, _) => new DeclaredName(s.Name, FullName(s), s.Location)).Collect().Combine(context.CompilationProvider);
        context.RegisterSourceOutput(names, static (spc, input) => ReportDuplicates(spc, DiagnosticDescriptors.DuplicateName, input.Left, input.Right));

        var parsedMethods = context.SyntaxProvider
            .ForAttributeWithMetadataName(MethodAttributeName, static (node, _) => node is TypeDeclarationSyntax, static (ctx, token) => MethodParser.Parse(ctx, token))
            .WithTrackingName(TrackingNames.ParseMethods);

        var methodDiagnostics = parsedMethods.SelectMany(static (r, _) => r.Diagnostics).Combine(context.CompilationProvider);
        context.RegisterSourceOutput(methodDiagnostics, static (spc, input) => spc.ReportDiagnostic(input.Left.ToDiagnostic(input.Right)));

        var methods = parsedMethods.Where(static r => r.Method is not null).Select(static (r, _) => r.Method!).WithTrackingName(TrackingNames.Methods);
        context.RegisterSourceOutput(methods, static (spc, method) =>
            spc.AddSource($"{method.QualifiedName}.MethodRegistration.g.cs", MethodEmitter.Registration(method)));

        var methodNames = parsedMethods.Where(static r => r.Method is not null)
            .Select(static (r, _) => new DeclaredName(r.Method!.Name, r.Method.TypeName, r.NameLocation)).Collect().Combine(context.CompilationProvider);
        context.RegisterSourceOutput(methodNames, static (spc, input) => ReportDuplicates(spc, DiagnosticDescriptors.DuplicateMethodName, input.Left, input.Right));

        var isDriver = context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
            options.GlobalOptions.TryGetValue("build_property.DslNasDriver", out var value) && value.Equals("true", System.StringComparison.OrdinalIgnoreCase));
        var referenced = context.CompilationProvider.Select(static (compilation, _) => ReferencedRegistrations(compilation)).WithTrackingName(TrackingNames.References);
        var local = spaces.Select(static (s, _) => FullName(s)).Collect()
            .Combine(methods.Select(static (m, _) => m.TypeName).Collect())
            .Select(static (types, _) => types.Left.Concat(types.Right).ToEquatableArray());
        var driver = isDriver.Combine(referenced).Combine(local).WithTrackingName(TrackingNames.Driver);
        context.RegisterSourceOutput(driver, static (spc, input) =>
        {
            var ((enabled, references), locals) = input;
            if (enabled)
                spc.AddSource("DslNasDriver.g.cs", DriverEmitter.Emit(references.Concat(locals).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToArray()));
        });
    }

    private static void ReportDuplicates(SourceProductionContext spc, DiagnosticDescriptor descriptor, ImmutableArray<DeclaredName> all, Compilation compilation)
    {
        foreach (var group in all.GroupBy(n => n.Name).Where(g => g.Count() > 1))
        foreach (var duplicate in group.Skip(1))
            spc.ReportDiagnostic(new DiagnosticInfo(descriptor.Id, duplicate.Location,
                new[] { group.Key, group.First().Type, duplicate.Type }.ToEquatableArray()).ToDiagnostic(compilation));
    }

    /// <summary>
    /// One space or method of each referenced assembly that registers some, named by its assembly attributes: running
    /// the module constructor of one type registers everything its assembly declares.
    /// </summary>
    private static EquatableArray<string> ReferencedRegistrations(Compilation compilation) =>
        compilation.SourceModule.ReferencedAssemblySymbols
            .Select(assembly => assembly.GetAttributes()
                .Where(a => a.AttributeClass?.ToDisplayString() is "DslNas.SearchSpaceTypeAttribute" or "DslNas.NasMethodTypeAttribute" && a.ConstructorArguments.Length == 1)
                .Select(a => a.ConstructorArguments[0].Value as INamedTypeSymbol)
                .Where(t => t is not null)
                .Select(t => t!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                .OrderBy(n => n, System.StringComparer.Ordinal)
                .FirstOrDefault())
            .Where(n => n is not null)
            .Select(n => n!)
            .ToEquatableArray();

    private static string FullName(SpaceModel s) => "global::" + (s.Namespace.Length > 0 ? s.Namespace + "." : "") + Emitter.Identifier(s.TypeName);

    private static string HintPrefix(SpaceModel s) => (s.Namespace.Length > 0 ? s.Namespace + "." : "") + s.TypeName;

    /// <summary>A catalog name, the type that declares it and where, for the duplicate-name checks.</summary>
    private sealed record DeclaredName(string Name, string Type, LocationInfo? Location);
}

/// <summary>Step names for incremental-caching tests.</summary>
public static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Spaces = nameof(Spaces);
    public const string References = nameof(References);
    public const string ParseMethods = nameof(ParseMethods);
    public const string Methods = nameof(Methods);
    public const string Driver = nameof(Driver);
}
