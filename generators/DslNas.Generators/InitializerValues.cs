using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DslNas.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslNas.Generators;

/// <summary>
/// Constant values assigned to dimensions in an object initializer or a with expression: a constant, a collection
/// expression of constants, or Layered.Repeat(constant, constant). Values are numbers as the engine sees them
/// (ops by enum value, strings by candidate index, or -1 for a string that is no candidate).
/// </summary>
internal static class InitializerValues
{
    /// <summary>The longest Layered.Repeat the checks expand; a longer (or negative) count is left to the run-time checks.</summary>
    private const int MaxRepeat = 65_536;

    /// <summary>Each assigned dimension's constant values, with the syntax of each value; non-constant assignments are left out.</summary>
    public static Dictionary<int, List<(double Value, ExpressionSyntax Syntax)>> Constants(InitializerExpressionSyntax initializer, IReadOnlyList<DimensionModel> dimensions, SemanticModel model)
    {
        var result = new Dictionary<int, List<(double, ExpressionSyntax)>>();
        foreach (var assignment in initializer.Expressions.OfType<AssignmentExpressionSyntax>())
        {
            if (assignment.Left is not IdentifierNameSyntax target) continue;
            var index = dimensions.ToList().FindIndex(d => d.Property == target.Identifier.Text);
            if (index < 0) continue;
            var values = Values(assignment.Right, dimensions[index], model);
            if (values is not null) result[index] = values;
        }
        return result;
    }

    /// <summary>Values per dimension as "a,b,c" when every dimension is assigned a constant; otherwise null.</summary>
    public static List<string>? Read(InitializerExpressionSyntax initializer, IReadOnlyList<DimensionModel> dimensions, SemanticModel model)
    {
        var constants = Constants(initializer, dimensions, model);
        if (constants.Count != dimensions.Count) return null;
        return Enumerable.Range(0, dimensions.Count)
            .Select(d => string.Join(",", constants[d].Select(v => v.Value.ToString("R", CultureInfo.InvariantCulture))))
            .ToList();
    }

    private static List<(double, ExpressionSyntax)>? Values(ExpressionSyntax expression, DimensionModel dimension, SemanticModel model)
    {
        switch (expression)
        {
            case CollectionExpressionSyntax collection:
                var items = new List<(double, ExpressionSyntax)>();
                foreach (var element in collection.Elements)
                {
                    if (element is not ExpressionElementSyntax { Expression: var item } || Scalar(item, dimension, model) is not { } value) return null;
                    items.Add((value, item));
                }
                return items;
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "Repeat" }, ArgumentList.Arguments.Count: 2 } repeat
                when model.GetSymbolInfo(repeat).Symbol is IMethodSymbol { ContainingType.Name: "Layered" }:
                var repeated = repeat.ArgumentList.Arguments[0].Expression;
                var count = model.GetConstantValue(repeat.ArgumentList.Arguments[1].Expression);
                if (Scalar(repeated, dimension, model) is not { } one || count.Value is not int times || times < 0 || times > MaxRepeat) return null;
                return Enumerable.Repeat((one, repeated), times).ToList();
            default:
                return Scalar(expression, dimension, model) is { } scalar ? [(scalar, expression)] : null;
        }
    }

    private static double? Scalar(ExpressionSyntax expression, DimensionModel dimension, SemanticModel model)
    {
        var constant = model.GetConstantValue(expression);
        if (!constant.HasValue) return null;
        return constant.Value switch
        {
            string text => dimension.Labels.ToList().IndexOf(text) is var i && i >= 0 ? i : -1,
            bool flag => flag ? 1 : 0,
            int or long or double or float or short or byte => System.Convert.ToDouble(constant.Value, CultureInfo.InvariantCulture),
            _ => null,
        };
    }
}
