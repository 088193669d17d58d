using System.Linq;
using Microsoft.CodeAnalysis;

namespace DslNas.Generators.Model;

/// <summary>A diagnostic to report: its descriptor's id, message arguments and location.</summary>
public sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        new(descriptor.Id, LocationInfo.From(location), arguments.ToEquatableArray());

    /// <summary>The diagnostic, located in the compilation's syntax tree for the file when there is one.</summary>
    public Diagnostic ToDiagnostic(Compilation? compilation) =>
        Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location?.ToLocation(compilation), Arguments.Cast<object>().ToArray());
}
