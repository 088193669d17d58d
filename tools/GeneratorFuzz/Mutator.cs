using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DslNas.GeneratorFuzz;

/// <summary>
/// Mutates a declaration the way a user's edits and typos would: drops, duplicates or alters attributes, their
/// arguments and literals, candidate lists, constraint bodies and signatures, presets, names, types and modifiers, or
/// single tokens. Only the declaration after the namespace is touched. The same seed and Random give the same mutant.
/// </summary>
public static class Mutator
{
    private delegate string? Operator(SyntaxNode declaration, string source, Random random);

    private static readonly (string Name, Operator Apply)[] Operators =
    [
        ("drop an attribute", DropAttribute),
        ("duplicate an attribute", DuplicateAttribute),
        ("alter a literal", AlterLiteral),
        ("drop an argument", DropArgument),
        ("duplicate an argument", DuplicateArgument),
        ("add an argument", AddArgument),
        ("empty a candidate list", EmptyArguments),
        ("replace a constraint body", ReplaceConstraintBody),
        ("alter a constraint signature", AlterConstraintSignature),
        ("alter a preset", AlterPreset),
        ("drop a member", DropMember),
        ("duplicate a member", DuplicateMember),
        ("rename", Rename),
        ("alter modifiers", AlterModifiers),
        ("alter a property type", AlterPropertyType),
        ("edit a token", EditToken),
    ];

    private static readonly string[] Numbers =
        ["0", "-1", "1", "2", "3", "5", "7", "12", "16", "24", "64", "100", "1024", "65536", "int.MaxValue", "int.MinValue", "2147483647", "-2147483648",
         "1.5", "1e300", "double.NaN", "0.0", "\"x\"", "null", "true", "default", "Op.Identity", "(int)Op.Ffn", "1 << 30", "nameof(Layers)"];

    private static readonly string[] Strings =
        ["\"\"", "\"X\"", "\"Bad Name\"", "\"a--b\"", "\"-a\"", "\"bort\"", "\"fast-transformer\"", "\"random-pick\"", "\"a\"", "null", "\"ünï-cödé\"",
         "\"heads\"", "\"Hidden\"", "\"Layers\"", "\"SeqLength\"", "\"Ops\"", "\"Nope\"", "42", "\"" + new string('a', 300) + "\"", "\"a\\\"b\"", "\"\\n\""];

    private static readonly string[] ExtraArguments =
        ["3", "64", "0", "-4", "Min = 2", "Max = 8", "Step = 0", "Step = -1", "Min = 8, Max = 2", "Max = int.MaxValue", "Min = int.MinValue, Max = int.MaxValue",
         "Summary = null", "OutsideSpace = true", "Op.Identity", "Op.Attention", "(Op)99", "\"extra\"", "1.5", "null", "Layers", "true"];

    private static readonly string[] Bodies =
        ["true", "false", "throw new System.Exception()", "{P} > 0", "1 / 0 == 0", "{P} / ({P} - {P}) == 1", "{P} % 0 == 0", "Helper({P})", "{P}.ToString() == \"64\"",
         "({P} & 1) == 0", "unknownName > 1", "{P} > 2 ? true : false", "checked({P} * 1000000000) > 0", "!({P} < 0)", "{P} switch { 64 => true, _ => false }",
         "default", "null", "\"x\"", "{P} == {P}", "{P} != (int)Op.Identity", "{P} is > 1 and < 1000", "Math.Abs({P}) > 0", "{P} + 1", "(bool)(object){P}",
         "{P} * {P} * {P} * {P} > 0", "{P} << 40 > 0", "{P} > int.MaxValue", "{P}++ > 0", "new int[{P}].Length > 0"];

    private static readonly string[] ParameterTypes = ["int", "double", "long", "string", "Op", "bool", "int?", "Layered<int>", "ref int", "out int", "params int[]", "in int", "dynamic", "object"];

    private static readonly string[] ParameterNames = ["x", "Layers", "layers", "hidden", "heads", "headSize", "ffnSize", "seqLength", "ops", "layer", "previous", "learningRate", "HIDDEN", "@int"];

    private static readonly string[] ExtraParameters =
        ["int layers", "[LayerIndex] int i", "[Previous(\"Hidden\")] int p", "[Previous(\"Nope\")] int p", "[LayerIndex] double i", "[Previous(null)] int p",
         "[Previous] int p", "[LayerIndex, Previous(\"Heads\")] int p", "int hidden = 3", "Op ops", "double learningRate", "int heads"];

    private static readonly string[] PresetValues =
        ["null!", "default!", "new()", "new() { }", "new() { Layers = 3 }", "Base", "new() { Layers = 2, Layers = 4 }", "new() with { Layers = 1 }"];

    private static readonly string[] Types =
        ["int", "long", "double", "string", "bool", "Op", "Layered<int>", "Layered<double>", "Layered<Op>", "int[]", "int?", "Layered<Layered<int>>", "Layered<string>", "object"];

    private static readonly string[] TypeKinds = ["record", "class", "struct", "record struct", "interface", "static class", "abstract record", "readonly record struct"];

    /// <summary>One to three mutations of <paramref name="source"/>, with what was done; null when none applied.</summary>
    public static (string Source, string Description)? Mutate(string source, Random random)
    {
        var count = 1 + random.Next(3);
        var descriptions = new List<string>();
        for (var attempt = 0; attempt < 20 && descriptions.Count < count; attempt++)
        {
            var (name, apply) = Operators[random.Next(Operators.Length)];
            var root = CSharpSyntaxTree.ParseText(source).GetRoot();
            var declaration = root.DescendantNodes().OfType<FileScopedNamespaceDeclarationSyntax>().First();
            var mutated = apply(declaration, source, random);
            if (mutated is null || mutated == source) continue;
            source = mutated;
            descriptions.Add(name);
        }
        return descriptions.Count > 0 ? (source, string.Join(", then ", descriptions)) : null;
    }

    private static T? Pick<T>(IEnumerable<T> items, Random random) where T : class
    {
        var list = items.ToList();
        return list.Count == 0 ? null : list[random.Next(list.Count)];
    }

    private static string Pick(string[] items, Random random) => items[random.Next(items.Length)];

    private static string Replace(string source, TextSpan span, string text) => source[..span.Start] + text + source[span.End..];

    private static IEnumerable<T> Inside<T>(SyntaxNode declaration) where T : SyntaxNode =>
        declaration.DescendantNodes().OfType<T>().Where(n => n.SpanStart > ((FileScopedNamespaceDeclarationSyntax)declaration).SemicolonToken.SpanStart);

    private static string? DropAttribute(SyntaxNode declaration, string source, Random random)
    {
        var attribute = Pick(Inside<AttributeSyntax>(declaration), random);
        if (attribute is null) return null;
        var list = (AttributeListSyntax)attribute.Parent!;
        return list.Attributes.Count == 1 ? Replace(source, list.Span, "") : Replace(source, list.Attributes.GetWithSeparators().Count > 1 && list.Attributes.IndexOf(attribute) > 0
            ? TextSpan.FromBounds(list.Attributes[list.Attributes.IndexOf(attribute) - 1].Span.End, attribute.Span.End)
            : TextSpan.FromBounds(attribute.SpanStart, list.Attributes[1].SpanStart), "");
    }

    private static string? DuplicateAttribute(SyntaxNode declaration, string source, Random random)
    {
        var attribute = Pick(Inside<AttributeSyntax>(declaration), random);
        if (attribute is null) return null;
        // Either again on the same member, or moved onto another member of the declaration.
        var target = random.Next(2) == 0
            ? attribute.Parent!.Parent!
            : Pick(Inside<MemberDeclarationSyntax>(declaration).Where(m => m is not BaseNamespaceDeclarationSyntax), random)!;
        var at = target is MemberDeclarationSyntax member && member.AttributeLists.Count > 0 ? member.AttributeLists[0].SpanStart : target.SpanStart;
        if (target is ParameterSyntax) at = target.SpanStart;
        return source.Insert(at, $"[{attribute}] ");
    }

    private static string? AlterLiteral(SyntaxNode declaration, string source, Random random)
    {
        var literal = Pick(Inside<LiteralExpressionSyntax>(declaration), random);
        if (literal is null) return null;
        var pool = literal.Kind() switch
        {
            SyntaxKind.StringLiteralExpression => Strings,
            SyntaxKind.TrueLiteralExpression or SyntaxKind.FalseLiteralExpression => ["true", "false", "1", "null"],
            _ => Numbers,
        };
        return Replace(source, literal.Span, Pick(pool, random));
    }

    private static IEnumerable<SyntaxNode> ArgumentLists(SyntaxNode declaration) =>
        Inside<AttributeArgumentListSyntax>(declaration).Cast<SyntaxNode>()
            .Concat(Inside<CollectionExpressionSyntax>(declaration))
            .Concat(Inside<InitializerExpressionSyntax>(declaration))
            .Concat(Inside<ArgumentListSyntax>(declaration));

    private static IReadOnlyList<SyntaxNode> Items(SyntaxNode list) => list switch
    {
        AttributeArgumentListSyntax a => a.Arguments,
        CollectionExpressionSyntax c => c.Elements,
        InitializerExpressionSyntax i => i.Expressions,
        ArgumentListSyntax a => a.Arguments,
        _ => [],
    };

    private static string? DropArgument(SyntaxNode declaration, string source, Random random)
    {
        var list = Pick(ArgumentLists(declaration).Where(l => Items(l).Count > 0), random);
        if (list is null) return null;
        var items = Items(list);
        var i = random.Next(items.Count);
        var span = items.Count == 1 ? items[0].Span
            : i > 0 ? TextSpan.FromBounds(items[i - 1].Span.End, items[i].Span.End)
            : TextSpan.FromBounds(items[0].SpanStart, items[1].SpanStart);
        return Replace(source, span, "");
    }

    private static string? DuplicateArgument(SyntaxNode declaration, string source, Random random)
    {
        var list = Pick(ArgumentLists(declaration).Where(l => Items(l).Count > 0), random);
        if (list is null) return null;
        var item = Items(list)[random.Next(Items(list).Count)];
        return source.Insert(item.Span.End, ", " + item);
    }

    private static string? AddArgument(SyntaxNode declaration, string source, Random random)
    {
        var list = Pick(Inside<AttributeSyntax>(declaration), random);
        if (list is null) return null;
        var extra = Pick(ExtraArguments, random);
        if (list.ArgumentList is not { } arguments) return source.Insert(list.Span.End, $"({extra})");
        return arguments.Arguments.Count == 0
            ? source.Insert(arguments.CloseParenToken.SpanStart, extra)
            : source.Insert(arguments.Arguments.Last().Span.End, ", " + extra);
    }

    private static string? EmptyArguments(SyntaxNode declaration, string source, Random random)
    {
        var attribute = Pick(Inside<AttributeSyntax>(declaration).Where(a => a.ArgumentList is not null), random);
        return attribute is null ? null : Replace(source, attribute.ArgumentList!.Span, random.Next(2) == 0 ? "" : "()");
    }

    private static IEnumerable<MethodDeclarationSyntax> Constraints(SyntaxNode declaration) =>
        Inside<MethodDeclarationSyntax>(declaration).Where(m => m.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().Contains("Constraint")));

    private static string? ReplaceConstraintBody(SyntaxNode declaration, string source, Random random)
    {
        var method = Pick(Constraints(declaration), random);
        if (method is null) return null;
        var parameter = method.ParameterList.Parameters.Count > 0 ? method.ParameterList.Parameters[random.Next(method.ParameterList.Parameters.Count)].Identifier.Text : "1";
        var body = Pick(Bodies, random).Replace("{P}", parameter);
        if (method.ExpressionBody is { } expression) return Replace(source, expression.Expression.Span, body);
        return method.Body is { } block ? Replace(source, block.Span, $"{{ return {body}; }}") : null;
    }

    private static string? AlterConstraintSignature(SyntaxNode declaration, string source, Random random)
    {
        var method = Pick(Constraints(declaration), random);
        if (method is null) return null;
        var parameters = method.ParameterList.Parameters;
        var parameter = parameters.Count > 0 ? parameters[random.Next(parameters.Count)] : null;
        switch (random.Next(8))
        {
            case 0:
                var modifier = method.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.StaticKeyword));
                return modifier == default ? source.Insert(method.ReturnType.SpanStart, "static ") : Replace(source, modifier.Span, "");
            case 1:
                return Replace(source, method.ReturnType.Span, Pick(["int", "void", "bool?", "string", "Task<bool>", "object"], random));
            case 2:
                return parameter is null ? null : Replace(source, parameter.Identifier.Span, Pick(ParameterNames, random));
            case 3:
                return parameter?.Type is null ? null : Replace(source, parameter.Type.Span, Pick(ParameterTypes, random));
            case 4:
                return parameter is null ? null : Replace(source, parameters.Count == 1 ? parameter.Span
                    : parameters.IndexOf(parameter) > 0 ? TextSpan.FromBounds(parameters[parameters.IndexOf(parameter) - 1].Span.End, parameter.Span.End)
                    : TextSpan.FromBounds(parameter.SpanStart, parameters[1].SpanStart), "");
            case 5:
                var extra = Pick(ExtraParameters, random);
                return parameters.Count == 0 ? source.Insert(method.ParameterList.CloseParenToken.SpanStart, extra) : source.Insert(parameters.Last().Span.End, ", " + extra);
            case 6:
                return source.Insert(method.Identifier.Span.End, Pick(["<T>", "<T, U>"], random));
            default:
                return parameter is null ? null : source.Insert(parameter.SpanStart, Pick(["[LayerIndex] ", "[Previous(\"Hidden\")] ", "[Previous(\"Heads\")] ", "[Previous(\"Layers\")] ", "this "], random));
        }
    }

    private static string? AlterPreset(SyntaxNode declaration, string source, Random random)
    {
        var preset = Pick(Inside<PropertyDeclarationSyntax>(declaration).Where(p => p.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().Contains("Preset"))), random);
        var value = preset?.ExpressionBody?.Expression ?? preset?.Initializer?.Value;
        if (preset is null || value is null) return null;
        var assignments = value.DescendantNodes().OfType<AssignmentExpressionSyntax>().ToList();
        switch (random.Next(5))
        {
            case 0:
                return Replace(source, value.Span, Pick(PresetValues, random));
            case 1 when assignments.Count > 0:
                return Replace(source, assignments[random.Next(assignments.Count)].Right.Span, Pick(Numbers.Concat(["[1, 2]", "[]", "Layered.Repeat(4, 0)", "Layered.Repeat(4, -1)",
                    "Layered.Repeat(4, int.MaxValue)", "Layered.Repeat(Op.Identity, 24)", "[Op.Ffn, 3]", "Layered.Repeat(\"x\", 2)"]).ToArray(), random));
            case 2:
                var modifier = preset.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.StaticKeyword));
                return modifier == default ? null : Replace(source, modifier.Span, "");
            case 3:
                return Replace(source, preset.Type.Span, Pick(["object", "int", "Bort", "FastTransformer", "TinyEncoder"], random));
            default:
                return assignments.Count == 0 ? null : source.Insert(assignments[random.Next(assignments.Count)].Span.End, ", " + assignments[random.Next(assignments.Count)]);
        }
    }

    private static IEnumerable<MemberDeclarationSyntax> Members(SyntaxNode declaration) =>
        Inside<MemberDeclarationSyntax>(declaration).Where(m => m is PropertyDeclarationSyntax or MethodDeclarationSyntax or FieldDeclarationSyntax);

    private static string? DropMember(SyntaxNode declaration, string source, Random random) =>
        Pick(Members(declaration), random) is { } member ? Replace(source, member.Span, "") : null;

    private static string? DuplicateMember(SyntaxNode declaration, string source, Random random) =>
        Pick(Members(declaration), random) is { } member ? source.Insert(member.Span.End, "\n    " + member) : null;

    private static string? Rename(SyntaxNode declaration, string source, Random random)
    {
        var tokens = Inside<SyntaxNode>(declaration).SelectMany(n => n.ChildTokens()).Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Distinct().ToList();
        if (tokens.Count == 0) return null;
        var token = tokens[random.Next(tokens.Count)];
        return Replace(source, token.Span, Pick(ParameterNames.Concat(["Heads", "Hidden", "FfnSize", "Base", "Space", "Supernet", "Op", "Layered", "TinyEncoder", "Bort", "Equals", "ToString"]).ToArray(), random));
    }

    private static string? AlterModifiers(SyntaxNode declaration, string source, Random random)
    {
        var type = Pick(Inside<TypeDeclarationSyntax>(declaration), random);
        if (type is null) return null;
        if (random.Next(2) == 0)
        {
            var modifier = type.Modifiers.Count > 0 ? type.Modifiers[random.Next(type.Modifiers.Count)] : default;
            return modifier == default ? null : Replace(source, modifier.Span, "");
        }
        var keyword = type is RecordDeclarationSyntax record && record.ClassOrStructKeyword != default
            ? TextSpan.FromBounds(record.Keyword.SpanStart, record.ClassOrStructKeyword.Span.End)
            : type.Keyword.Span;
        return Replace(source, keyword, Pick(TypeKinds, random));
    }

    private static string? AlterPropertyType(SyntaxNode declaration, string source, Random random)
    {
        var property = Pick(Inside<PropertyDeclarationSyntax>(declaration), random);
        return property is null ? null : Replace(source, property.Type.Span, Pick(Types, random));
    }

    private static string? EditToken(SyntaxNode declaration, string source, Random random)
    {
        var start = ((FileScopedNamespaceDeclarationSyntax)declaration).SemicolonToken.Span.End;
        var tokens = declaration.DescendantTokens().Where(t => t.SpanStart >= start && t.Span.Length > 0).ToList();
        if (tokens.Count < 2) return null;
        var i = random.Next(tokens.Count - 1);
        return random.Next(3) switch
        {
            0 => Replace(source, tokens[i].Span, ""),
            1 => source.Insert(tokens[i].Span.End, " " + tokens[i].Text),
            _ => Replace(source, TextSpan.FromBounds(tokens[i].SpanStart, tokens[i + 1].Span.End), tokens[i + 1].Text + " " + tokens[i].Text),
        };
    }
}
