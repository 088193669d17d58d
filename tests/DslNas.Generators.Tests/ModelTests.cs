using System.Reflection;
using DslNas.Generators.Model;
using Microsoft.CodeAnalysis;

namespace DslNas.Generators.Tests;

public sealed class ModelTests
{
    /// <summary>Models must compare by value and hold nothing from Roslyn's symbol graph, or incremental caching breaks.</summary>
    [Fact]
    public void The_pipeline_model_holds_no_symbols_syntax_or_compilations()
    {
        var visited = new HashSet<Type>();
        var forbidden = new List<string>();
        void Walk(Type type, string path)
        {
            if (!visited.Add(type)) return;
            if (typeof(ISymbol).IsAssignableFrom(type) || typeof(SyntaxNode).IsAssignableFrom(type) || typeof(SemanticModel).IsAssignableFrom(type)
                || typeof(Compilation).IsAssignableFrom(type) || typeof(Location).IsAssignableFrom(type))
                forbidden.Add($"{path}: {type.Name}");
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)) return;
            var underlying = Nullable.GetUnderlyingType(type);
            if (underlying is not null)
            {
                Walk(underlying, path);
                return;
            }
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
            {
                Walk(type.GetGenericArguments()[0], path + "[]");
                return;
            }
            if (type.Namespace?.StartsWith("Microsoft.CodeAnalysis.Text", StringComparison.Ordinal) == true) return;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
                Walk(property.PropertyType, $"{path}.{property.Name}");
        }

        Walk(typeof(ParseResult), nameof(ParseResult));
        Walk(typeof(MethodParseResult), nameof(MethodParseResult));
        forbidden.Should().BeEmpty();
        visited.Should().Contain([typeof(SpaceModel), typeof(DimensionModel), typeof(ConstraintModel), typeof(PresetModel), typeof(MethodModel), typeof(DiagnosticInfo), typeof(LocationInfo)]);
    }

    [Fact]
    public void Equal_sources_give_equal_models()
    {
        const string source = """
            using DslNas;
            [SearchSpace("eq")]
            public sealed partial record E
            {
                [Layers(2)] public int Layers { get; init; }
                [Hidden(8)] public int Hidden { get; init; }
                [Heads(1, 2)] public Layered<int> Heads { get; init; } = [1, 1];
                [Constraint("c")] static bool C(int heads, int hidden) => heads <= hidden;
            }
            """;
        GeneratorHarness.Run(source).Generated.Should().BeEquivalentTo(GeneratorHarness.Run(source).Generated);
    }
}
