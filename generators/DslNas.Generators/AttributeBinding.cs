using System.Linq;
using Microsoft.CodeAnalysis;

namespace DslNas.Generators;

/// <summary>
/// Whether the compiler could bind an attribute application. One it could not (wrong argument types or count, an
/// unknown named argument) carries no usable arguments; the compiler reports the error at the attribute, so the
/// generator reads nothing from such a declaration rather than guess what it meant.
/// </summary>
internal static class AttributeBinding
{
    public static bool IsBound(AttributeData attribute) =>
        attribute.AttributeClass is not null
        && attribute.AttributeConstructor is not null
        && attribute.ConstructorArguments.Length == attribute.AttributeConstructor.Parameters.Length
        && attribute.ConstructorArguments.All(a => a.Kind != TypedConstantKind.Error)
        && attribute.NamedArguments.All(a => a.Value.Kind != TypedConstantKind.Error);

    /// <summary>Every attribute of the DslNas namespace on the type, its members and their parameters binds.</summary>
    public static bool AllBound(INamedTypeSymbol type, string dslNamespace) =>
        type.GetAttributes().Concat(type.GetMembers().SelectMany(Attributes))
            .Where(a => a.AttributeClass is null || a.AttributeClass.TypeKind == TypeKind.Error || a.AttributeClass.ContainingNamespace?.ToDisplayString() == dslNamespace)
            .All(a => a.AttributeClass is { TypeKind: not TypeKind.Error } && IsBound(a));

    private static System.Collections.Generic.IEnumerable<AttributeData> Attributes(ISymbol member) => member is IMethodSymbol method
        ? method.GetAttributes().Concat(method.Parameters.SelectMany(p => p.GetAttributes()))
        : member.GetAttributes();
}
