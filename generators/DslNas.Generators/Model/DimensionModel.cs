using DslNas.Engine;

namespace DslNas.Generators.Model;

/// <summary>A dimension: its property, role, scope, block size, value type and candidates (as C# literals and as numbers).</summary>
public sealed record DimensionModel(
    string Property,
    Role Role,
    bool PerLayer,
    int PerBlock,
    ValueKind Kind,
    EquatableArray<string> Literals,
    EquatableArray<string> Labels,
    EquatableArray<double> Numbers);
