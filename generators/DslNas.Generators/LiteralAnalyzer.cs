using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using DslNas.Engine;
using DslNas.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DslNas.Generators;

/// <summary>
/// Reports, at the literal, constant values in object initializers and with expressions of a search space that lie
/// outside the space: a value that is no candidate, or a per-layer literal whose length differs from a constant depth.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LiteralAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [DiagnosticDescriptors.LiteralOutside];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression, SyntaxKind.WithExpression);
    }

    /// <summary>Reference presets ([Preset(..., OutsideSpace = true)]) may lie outside the space on purpose.</summary>
    private static bool InReferencePreset(SyntaxNodeAnalysisContext context)
    {
        var property = context.Node.FirstAncestorOrSelf<PropertyDeclarationSyntax>();
        if (property is null || context.SemanticModel.GetDeclaredSymbol(property, context.CancellationToken) is not { } symbol) return false;
        return symbol.GetAttributes().Any(a => a.AttributeClass?.Name == "PresetAttribute"
                                               && a.NamedArguments.Any(n => n.Key == "OutsideSpace" && n.Value.Value is true));
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var (initializer, type) = context.Node switch
        {
            BaseObjectCreationExpressionSyntax creation => (creation.Initializer, context.SemanticModel.GetTypeInfo(creation, context.CancellationToken).Type),
            WithExpressionSyntax with => (with.Initializer, context.SemanticModel.GetTypeInfo(with, context.CancellationToken).Type),
            _ => (null, null),
        };
        if (initializer is null || type is not INamedTypeSymbol named) return;
        if (!named.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == SearchSpaceGenerator.AttributeName)) return;
        if (InReferencePreset(context)) return;
        var dimensions = Parser.Dimensions(named);
        var constants = InitializerValues.Constants(initializer, dimensions, context.SemanticModel);
        var layers = dimensions.Select((d, i) => (d, i)).FirstOrDefault(x => x.d.Role == Role.Layers);
        var depth = layers.d is not null && constants.TryGetValue(layers.i, out var given) && given.Count == 1 ? (int?)given[0].Value : null;

        foreach (var entry in constants)
        {
            var dimension = dimensions[entry.Key];
            var values = entry.Value;
            foreach (var (value, syntax) in values)
                if (!dimension.Numbers.Contains(value))
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LiteralOutside, syntax.GetLocation(),
                        $"{syntax} is not a candidate of {named.Name}.{dimension.Property}; allowed: {string.Join(", ", dimension.Labels)}"));
            if (dimension.PerLayer && depth is { } layerCount && values.Count != layerCount)
            {
                var assignment = initializer.Expressions.OfType<AssignmentExpressionSyntax>().First(a => a.Left is IdentifierNameSyntax id && id.Identifier.Text == dimension.Property);
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LiteralOutside, assignment.Right.GetLocation(),
                    $"{named.Name}.{dimension.Property} has {values.Count.ToString(CultureInfo.InvariantCulture)} values but {layers.d!.Property} is {layerCount.ToString(CultureInfo.InvariantCulture)}"));
            }
        }
    }
}
