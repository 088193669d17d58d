using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using DslNas.Engine;
using DslNas.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslNas.Generators;

/// <summary>Reads a [SearchSpace] type into a <see cref="SpaceModel"/> and the diagnostics it deserves.</summary>
internal static class Parser
{
    private const string Namespace = "DslNas";

    private static readonly Dictionary<string, Role> Roles = new()
    {
        ["LayersAttribute"] = Role.Layers,
        ["HiddenAttribute"] = Role.Hidden,
        ["HeadsAttribute"] = Role.Heads,
        ["HeadSizeAttribute"] = Role.HeadSize,
        ["FfnSizeAttribute"] = Role.FfnSize,
        ["SeqLengthAttribute"] = Role.SeqLength,
        ["OpAttribute"] = Role.Op,
        ["ChoiceAttribute"] = Role.Choice,
    };

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();
        var typeLocation = syntax.Identifier.GetLocation();

        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, typeLocation, type.Name));
            return new ParseResult(null, diagnostics.ToEquatableArray());
        }
        if (!AttributeBinding.AllBound(type, Namespace)) return new ParseResult(null, diagnostics.ToEquatableArray());

        CheckReservedNames(type, typeLocation, diagnostics);

        var attribute = context.Attributes[0];
        var name = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? "" : "";
        var summary = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Summary").Value.Value as string ?? "";
        if (!KebabCase.IsMatch(name))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedName, AttributeLocation(attribute) ?? typeLocation, name, KebabCase.Suggest(name, type.Name, "space")));

        var dimensions = new List<DimensionModel>();
        var dimensionLocations = new List<Location>();
        var roleOwners = new Dictionary<Role, string>();
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            cancellation.ThrowIfCancellationRequested();
            var dimension = ParseDimension(property, roleOwners, diagnostics);
            if (dimension is null) continue;
            dimensions.Add(dimension);
            dimensionLocations.Add(property.Locations[0]);
        }

        if (!dimensions.Any(d => d.Role == Role.Layers)) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingLayers, typeLocation, type.Name));
        if (!dimensions.Any(d => d.Role == Role.Hidden)) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingHidden, typeLocation, type.Name));
        CheckOpDimensions(dimensions, name, typeLocation, diagnostics);
        CheckBlocks(dimensions, dimensionLocations, type, diagnostics);

        var constraints = new List<ConstraintModel>();
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            var constraint = method.GetAttributes().FirstOrDefault(a => IsDslAttribute(a.AttributeClass, "ConstraintAttribute"));
            if (constraint is null) continue;
            var model = ParseConstraint(method, constraint, dimensions, context.SemanticModel, diagnostics, cancellation);
            if (model is not null) constraints.Add(model);
        }

        var presets = type.GetMembers().OfType<IPropertySymbol>()
            .Select(p => ParsePreset(p, type, dimensions, context.SemanticModel))
            .Where(p => p is not null).Select(p => p!).ToList();

        var space = new SpaceModel(
            type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
            type.Name,
            type.IsRecord ? "record" : "class",
            name,
            summary,
            dimensions.ToEquatableArray(),
            constraints.ToEquatableArray(),
            presets.ToEquatableArray(),
            LocationInfo.From(typeLocation));

        if (diagnostics.All(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity != DiagnosticSeverity.Error))
            SpaceChecks.Run(space, dimensionLocations, diagnostics);
        var usable = diagnostics.All(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity != DiagnosticSeverity.Error);
        return new ParseResult(usable ? space : null, diagnostics.ToEquatableArray());
    }

    /// <summary>The dimensions of a space type, for analyzers (diagnostics are the generator's to report).</summary>
    public static List<DimensionModel> Dimensions(INamedTypeSymbol type)
    {
        if (!AttributeBinding.AllBound(type, Namespace)) return [];
        var owners = new Dictionary<Role, string>();
        var ignored = new List<DiagnosticInfo>();
        return type.GetMembers().OfType<IPropertySymbol>().Select(p => ParseDimension(p, owners, ignored)).Where(d => d is not null).Select(d => d!).ToList();
    }

    private static bool IsDslAttribute(INamedTypeSymbol? type, string name) =>
        type is not null && type.Name == name && type.ContainingNamespace.ToDisplayString() == Namespace;

    internal static Location? AttributeLocation(AttributeData attribute) => attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation();

    private static DimensionModel? ParseDimension(IPropertySymbol property, Dictionary<Role, string> roleOwners, List<DiagnosticInfo> diagnostics)
    {
        var attributes = property.GetAttributes();
        var roleAttribute = attributes.FirstOrDefault(a => a.AttributeClass is { } c && Roles.ContainsKey(c.Name) && c.ContainingNamespace.ToDisplayString() == Namespace);
        if (roleAttribute is null) return null;
        var role = Roles[roleAttribute.AttributeClass!.Name];
        var location = AttributeLocation(roleAttribute) ?? property.Locations[0];
        var roleName = roleAttribute.AttributeClass.Name.Replace("Attribute", "");

        if (role != Role.Choice)
        {
            if (roleOwners.TryGetValue(role, out var owner))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateRole, location, roleName, owner, property.Name));
                return null;
            }
            roleOwners[role] = property.Name;
        }

        var (kind, perLayer) = ValueType(property.Type);
        var expected = role switch
        {
            Role.Op => "Op or Layered<Op>",
            Role.Choice => "int, double, bool or string",
            Role.Layers => "int",
            _ => "int or Layered<int>",
        };
        var typeOk = kind is not null && role switch
        {
            Role.Op => kind == ValueKind.Op,
            Role.Choice => kind != ValueKind.Op && !perLayer,
            _ => kind == ValueKind.Int,
        };
        if (!typeOk)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongType, property.Locations[0], roleName, expected, property.Name,
                property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
            return null;
        }
        if (role == Role.Layers && perLayer)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersPerLayer, property.Locations[0], property.Name));
            return null;
        }

        var candidates = Candidates(roleAttribute, property.Name, roleName, location, diagnostics);
        if (candidates is null) return null;
        var wrong = candidates.FindIndex(c => !OfKind(c, kind!.Value));
        if (wrong >= 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CandidateType, location, property.Name,
                candidates[wrong] is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture)! : "null", TypeName(kind!.Value)));
            return null;
        }
        if (role == Role.Layers && candidates.FirstOrDefault(c => (int)c > MaxLayers) is int deep)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyLayers, location, property.Name, Text(deep), Text(MaxLayers)));
            return null;
        }
        var seen = new HashSet<string>();
        foreach (var candidate in candidates)
            if (!seen.Add(Label(candidate, kind!.Value)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateCandidate, location, property.Name, Label(candidate, kind.Value)));
                return null;
            }
        if (role is not (Role.Op or Role.Choice))
            foreach (var candidate in candidates.Where(c => Convert.ToInt64(c, CultureInfo.InvariantCulture) < 1))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, location, property.Name, Label(candidate, kind!.Value)));
                return null;
            }

        var perBlock = attributes.FirstOrDefault(a => IsDslAttribute(a.AttributeClass, "PerBlockAttribute"));
        var blockSize = perBlock?.ConstructorArguments[0].Value is int size ? size : 0;
        return new DimensionModel(
            property.Name,
            role,
            perLayer,
            blockSize,
            kind!.Value,
            candidates.Select(c => Literal(c, kind.Value)).ToEquatableArray(),
            candidates.Select(c => Label(c, kind.Value)).ToEquatableArray(),
            candidates.Select((c, i) => Number(c, kind.Value, i)).ToEquatableArray());
    }

    /// <summary>The deepest space the engine counts, samples and checks at compile time without noticeable delay.</summary>
    private const int MaxLayers = 1024;

    /// <summary>Whether a candidate is a value of the property's type (ints widen to double; ops are defined members).</summary>
    private static bool OfKind(object? value, ValueKind kind) => kind switch
    {
        ValueKind.Int => value is int,
        ValueKind.Double => value is int or double or float or long,
        ValueKind.Bool => value is bool,
        ValueKind.String => value is string,
        _ => value is int op && Enum.IsDefined(typeof(Op), op),
    };

    /// <summary>Members the generator adds to every space type, and the nested types it declares.</summary>
    private static readonly string[] Reserved = ["Space", "Supernet", "Parameters", "Flops", "ToJson", "Parse"];

    private static void CheckReservedNames(INamedTypeSymbol type, Location typeLocation, List<DiagnosticInfo> diagnostics)
    {
        var generated = string.Join(", ", Reserved);
        if (Array.IndexOf(Reserved, type.Name) >= 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReservedName, typeLocation, type.Name, generated));
        foreach (var member in type.GetMembers().Where(m => !m.IsImplicitlyDeclared && Array.IndexOf(Reserved, m.Name) >= 0 && m.Locations.Any(l => l.IsInSource)))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReservedName, member.Locations.First(l => l.IsInSource), member.Name, generated));
    }

    private static (ValueKind? Kind, bool PerLayer) ValueType(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { Name: "Layered", TypeArguments.Length: 1 } layered && layered.ContainingNamespace.ToDisplayString() == Namespace)
            return (ScalarKind(layered.TypeArguments[0]), true);
        return (ScalarKind(type), false);
    }

    private static ValueKind? ScalarKind(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Int32 => ValueKind.Int,
        SpecialType.System_Double => ValueKind.Double,
        SpecialType.System_Boolean => ValueKind.Bool,
        SpecialType.System_String => ValueKind.String,
        _ => type.Name == "Op" && type.ContainingNamespace.ToDisplayString() == Namespace ? ValueKind.Op : null,
    };

    /// <summary>The most candidates a Min/Max/Step range may list: every architecture's index product must stay tractable.</summary>
    private const int MaxRangeCandidates = 1024;

    private static List<object>? Candidates(AttributeData attribute, string property, string roleName, Location location, List<DiagnosticInfo> diagnostics)
    {
        var listed = attribute.ConstructorArguments.Length == 0
            ? new List<object>()
            : attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array
                ? attribute.ConstructorArguments[0].IsNull ? new List<object>() : attribute.ConstructorArguments[0].Values.Select(v => v.Value!).ToList()
                : attribute.ConstructorArguments.Select(v => v.Value!).ToList();
        int? Named(string name) => attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as int?;
        var min = Named("Min");
        var max = Named("Max");
        var step = Named("Step") ?? 1;
        if (listed.Count == 0 && (min.HasValue || max.HasValue))
        {
            var low = min ?? 1;
            var high = max ?? low;
            if (low > high || step < 1 || ((long)high - low) / step + 1 > MaxRangeCandidates)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRange, location, property, Text(low), Text(high), Text(step)));
                return null;
            }
            for (var value = low; value <= high; value += step) listed.Add(value);
        }
        if (listed.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyCandidates, location, property, roleName));
            return null;
        }
        return listed;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Label(object value, ValueKind kind) => kind switch
    {
        ValueKind.Op => Enum.GetName(typeof(Op), Convert.ToInt32(value, CultureInfo.InvariantCulture)) ?? value.ToString()!,
        ValueKind.Bool => (bool)value ? "true" : "false",
        ValueKind.Double => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private static string Literal(object value, ValueKind kind) => kind switch
    {
        ValueKind.Op => "global::DslNas.Op." + Label(value, kind),
        ValueKind.String => SymbolDisplay.FormatLiteral((string)value, quote: true),
        ValueKind.Double => Label(value, kind) + "d",
        _ => Label(value, kind),
    };

    private static double Number(object value, ValueKind kind, int index) => kind switch
    {
        ValueKind.String => index,
        ValueKind.Bool => (bool)value ? 1 : 0,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    private static void CheckOpDimensions(List<DimensionModel> dimensions, string space, Location location, List<DiagnosticInfo> diagnostics)
    {
        if (dimensions.Any(d => d.Role == Role.Heads)) return;
        var ops = dimensions.FirstOrDefault(d => d.Role == Role.Op);
        if (ops is null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OpNeedsDimension, location, "A full layer (a space without [Op])", "Heads", space));
        else if (ops.Numbers.Contains((int)Op.Attention))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OpNeedsDimension, location, "Op.Attention", "Heads", space));
    }

    private static void CheckBlocks(List<DimensionModel> dimensions, List<Location> locations, INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        var layers = dimensions.FirstOrDefault(d => d.Role == Role.Layers);
        for (var i = 0; i < dimensions.Count; i++)
        {
            var dimension = dimensions[i];
            if (dimension.PerBlock == 0) continue;
            string? problem = null;
            if (!dimension.PerLayer) problem = "it applies to Layered<T> properties only; make the property Layered or remove [PerBlock]";
            else if (dimension.PerBlock < 1) problem = "the block size must be at least 1";
            else if (layers?.Numbers.FirstOrDefault(n => (int)n % dimension.PerBlock != 0) is { } bad && bad != 0)
                problem = $"the block size must divide every [Layers] candidate, and {bad.ToString(CultureInfo.InvariantCulture)} is not a multiple of {dimension.PerBlock}";
            if (problem is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PerBlockMisuse, locations[i], dimension.PerBlock.ToString(CultureInfo.InvariantCulture), dimension.Property, problem));
        }
    }

    private static ConstraintModel? ParseConstraint(IMethodSymbol method, AttributeData attribute, List<DimensionModel> dimensions, SemanticModel semanticModel,
        List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
    {
        var location = method.Locations[0];
        var ok = true;
        if (!method.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConstraintNotStatic, location, method.Name));
            ok = false;
        }
        if (method.ReturnType.SpecialType != SpecialType.System_Boolean)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConstraintNotBool, location, method.Name, method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
            ok = false;
        }
        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConstraintNotCallable, location, method.Name, "is generic; remove its type parameters"));
            ok = false;
        }
        foreach (var byReference in method.Parameters.Where(p => p.RefKind != RefKind.None))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConstraintNotCallable, byReference.Locations.FirstOrDefault() ?? location, method.Name,
                $"takes '{byReference.Name}' by reference; remove its '{byReference.RefKind.ToString().ToLowerInvariant()}' modifier"));
            ok = false;
        }
        var arguments = new List<ArgumentModel>();
        var names = string.Join(", ", dimensions.Select(d => Camel(d.Property)));
        foreach (var parameter in method.Parameters)
        {
            var parameterLocation = parameter.Locations.FirstOrDefault() ?? location;
            var parameterType = parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            if (parameter.GetAttributes().Any(a => IsDslAttribute(a.AttributeClass, "LayerIndexAttribute")))
            {
                if (parameter.Type.SpecialType != SpecialType.System_Int32)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterType, parameterLocation, parameter.Name, method.Name, "the layer index", "int", parameterType));
                    ok = false;
                }
                arguments.Add(new ArgumentModel(ArgumentKind.LayerIndex, -1, "int"));
                continue;
            }
            var previous = parameter.GetAttributes().FirstOrDefault(a => IsDslAttribute(a.AttributeClass, "PreviousAttribute"));
            var target = previous?.ConstructorArguments[0].Value as string ?? parameter.Name;
            var index = dimensions.FindIndex(d => string.Equals(d.Property, target, StringComparison.OrdinalIgnoreCase));
            if (index < 0 || (previous is not null && !dimensions[index].PerLayer))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnboundParameter, parameterLocation, parameter.Name, method.Name,
                    previous is not null && index >= 0 ? $"a per-layer dimension ([Previous] needs Layered<T>): {names}" : names));
                ok = false;
                continue;
            }
            var expectedType = TypeName(dimensions[index].Kind);
            if (parameterType != expectedType)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterType, parameterLocation, parameter.Name, method.Name, dimensions[index].Property, expectedType, parameterType));
                ok = false;
            }
            arguments.Add(new ArgumentModel(previous is null ? ArgumentKind.Current : ArgumentKind.Previous, index, expectedType));
        }
        if (!ok) return null;

        string? expression = null;
        if (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellation) is MethodDeclarationSyntax declaration)
        {
            var model = semanticModel.Compilation.GetSemanticModel(declaration.SyntaxTree);
            var (translated, unsupported) = ConstraintTranslator.Translate(declaration, model, method.Parameters);
            expression = translated;
            if (unsupported is not null) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotInterpretable, location, method.Name, unsupported));
        }
        var description = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? method.Name : method.Name;
        return new ConstraintModel(method.Name, description, arguments.ToEquatableArray(), expression);
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

    internal static string TypeName(ValueKind kind) => kind switch
    {
        ValueKind.Int => "int",
        ValueKind.Double => "double",
        ValueKind.Bool => "bool",
        ValueKind.String => "string",
        _ => "Op",
    };

    private static PresetModel? ParsePreset(IPropertySymbol property, INamedTypeSymbol type, List<DimensionModel> dimensions, SemanticModel semanticModel)
    {
        var attribute = property.GetAttributes().FirstOrDefault(a => IsDslAttribute(a.AttributeClass, "PresetAttribute"));
        if (attribute is null || !property.IsStatic || !SymbolEqualityComparer.Default.Equals(property.Type, type)) return null;
        var name = attribute.ConstructorArguments[0].Value as string ?? property.Name;
        var outside = attribute.NamedArguments.FirstOrDefault(a => a.Key == "OutsideSpace").Value.Value as bool? ?? false;
        var syntax = property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as PropertyDeclarationSyntax;
        var creation = syntax?.ExpressionBody?.Expression ?? syntax?.Initializer?.Value;
        var model = syntax is null ? null : semanticModel.Compilation.GetSemanticModel(syntax.SyntaxTree);
        var values = creation is BaseObjectCreationExpressionSyntax { Initializer: { } initializer } && model is not null
            ? InitializerValues.Read(initializer, dimensions, model)
            : null;
        return new PresetModel(property.Name, name, outside, values?.ToEquatableArray(), LocationInfo.From(syntax?.Identifier.GetLocation()));
    }
}
