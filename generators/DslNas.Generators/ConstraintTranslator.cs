using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslNas.Generators;

/// <summary>
/// Translates a constraint method's body into the s-expression that <see cref="Engine.ConstraintExpression"/>
/// evaluates: one expression (expression body or a single return) of literals, parameters, constants, arithmetic,
/// comparisons, logic, ?: and Math.Min/Max/Abs. Anything else is reported by what it is.
/// </summary>
internal static class ConstraintTranslator
{
    /// <summary>The expression, or null with a description of the first construct outside the subset.</summary>
    public static (string? Expression, string? Unsupported) Translate(MethodDeclarationSyntax method, SemanticModel model, IReadOnlyList<IParameterSymbol> parameters)
    {
        var body = method.ExpressionBody?.Expression
                   ?? (method.Body is { Statements.Count: 1 } block && block.Statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);
        if (body is null) return (null, "statements other than a single return");
        try
        {
            return (Expression(body, model, parameters), null);
        }
        catch (NotSupportedException e)
        {
            return (null, e.Message);
        }
    }

    private static string Expression(ExpressionSyntax syntax, SemanticModel model, IReadOnlyList<IParameterSymbol> parameters)
    {
        var constant = model.GetConstantValue(syntax);
        if (constant.HasValue && Number(constant.Value) is { } number) return number;
        switch (syntax)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Expression(parenthesized.Expression, model, parameters);
            case IdentifierNameSyntax identifier when model.GetSymbolInfo(identifier).Symbol is IParameterSymbol parameter:
                var index = parameters.ToList().FindIndex(p => SymbolEqualityComparer.Default.Equals(p, parameter));
                return "$" + index.ToString(CultureInfo.InvariantCulture);
            case PrefixUnaryExpressionSyntax unary:
                var operand = Expression(unary.Operand, model, parameters);
                return unary.Kind() switch
                {
                    SyntaxKind.LogicalNotExpression => $"(! {operand})",
                    SyntaxKind.UnaryMinusExpression => $"(neg {operand})",
                    SyntaxKind.UnaryPlusExpression => operand,
                    _ => throw new NotSupportedException($"the operator '{unary.OperatorToken.Text}'"),
                };
            case BinaryExpressionSyntax binary:
                return Binary(binary, model, parameters);
            case ConditionalExpressionSyntax conditional:
                return $"(? {Expression(conditional.Condition, model, parameters)} {Expression(conditional.WhenTrue, model, parameters)} {Expression(conditional.WhenFalse, model, parameters)})";
            case InvocationExpressionSyntax invocation when model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { ContainingType: { Name: "Math", ContainingNamespace.Name: "System" } } math
                                                            && math.Name is "Min" or "Max" or "Abs":
                var arguments = invocation.ArgumentList.Arguments.Select(a => Expression(a.Expression, model, parameters));
                return $"({math.Name.ToLowerInvariant()} {string.Join(" ", arguments)})";
            case CastExpressionSyntax cast:
                var target = model.GetTypeInfo(cast).Type;
                var source = model.GetTypeInfo(cast.Expression).Type;
                if (IsNumeric(target) && (!IsIntegral(target) || IsIntegral(source) || source?.TypeKind == TypeKind.Enum))
                    return Expression(cast.Expression, model, parameters);
                throw new NotSupportedException($"the cast '{cast}'");
            case InvocationExpressionSyntax call:
                throw new NotSupportedException($"the call '{call.Expression}'");
            default:
                throw new NotSupportedException($"'{syntax}'");
        }
    }

    private static string Binary(BinaryExpressionSyntax binary, SemanticModel model, IReadOnlyList<IParameterSymbol> parameters)
    {
        var left = Expression(binary.Left, model, parameters);
        var right = Expression(binary.Right, model, parameters);
        var op = binary.Kind() switch
        {
            SyntaxKind.AddExpression => "+",
            SyntaxKind.SubtractExpression => "-",
            SyntaxKind.MultiplyExpression => "*",
            SyntaxKind.DivideExpression => IsIntegral(model.GetTypeInfo(binary).Type) ? "div" : "/",
            SyntaxKind.ModuloExpression => "%",
            SyntaxKind.EqualsExpression => "==",
            SyntaxKind.NotEqualsExpression => "!=",
            SyntaxKind.LessThanExpression => "<",
            SyntaxKind.LessThanOrEqualExpression => "<=",
            SyntaxKind.GreaterThanExpression => ">",
            SyntaxKind.GreaterThanOrEqualExpression => ">=",
            SyntaxKind.LogicalAndExpression => "&&",
            SyntaxKind.LogicalOrExpression => "||",
            _ => throw new NotSupportedException($"the operator '{binary.OperatorToken.Text}'"),
        };
        return $"({op} {left} {right})";
    }

    private static bool IsIntegral(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte;

    private static bool IsNumeric(ITypeSymbol? type) =>
        IsIntegral(type) || type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single;

    private static string? Number(object? value) => value switch
    {
        bool b => b ? "1" : "0",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };
}
