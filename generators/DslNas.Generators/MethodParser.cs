using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DslNas.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslNas.Generators;

/// <summary>Reads a [NasMethod] class into a <see cref="MethodModel"/> and the diagnostics it deserves.</summary>
internal static class MethodParser
{
    private const string InterfaceName = "INasMethod";
    private const string InterfaceNamespace = "DslNas.Runs";

    public static MethodParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        var typeLocation = syntax.Identifier.GetLocation();
        var attribute = context.Attributes[0];
        if (!AttributeBinding.IsBound(attribute)) return new MethodParseResult(null, null, default);
        var nameLocation = Parser.AttributeLocation(attribute) ?? typeLocation;
        var diagnostics = new List<DiagnosticInfo>();

        if (!type.AllInterfaces.Any(i => i.Name == InterfaceName && i.ContainingNamespace.ToDisplayString() == InterfaceNamespace))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MethodNotINasMethod, typeLocation, type.Name));

        if (WhyNotCreatable(type) is { } change)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MethodNotCreatable, typeLocation, type.Name, change));

        var name = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? "" : "";
        var summary = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Summary").Value.Value as string ?? "";
        if (!KebabCase.IsMatch(name))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedMethodName, nameLocation, name, KebabCase.Suggest(name, type.Name, "method")));

        var method = diagnostics.Count == 0
            ? new MethodModel(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), name, summary)
            : null;
        return new MethodParseResult(method, LocationInfo.From(nameLocation), diagnostics.ToEquatableArray());
    }

    /// <summary>What to change so that generated code outside the type can call <c>new T()</c>; null when it can.</summary>
    private static string? WhyNotCreatable(INamedTypeSymbol type)
    {
        if (type.IsStatic) return "remove the 'static' modifier";
        if (type.IsAbstract) return "remove the 'abstract' modifier";
        if (type.IsGenericType) return "remove the type parameters (its own and those of the types that contain it): the catalog registers one closed type";
        if (type.IsFileLocal) return "remove the 'file' modifier";
        for (var t = type; t is not null; t = t.ContainingType)
            if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                return $"make '{t.Name}' public or internal";
        if (!type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            return "add a public or internal parameterless constructor";
        return null;
    }
}
