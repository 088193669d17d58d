namespace DslNas.Generators.Model;

/// <summary>Everything the emitter needs about one search space, and nothing from Roslyn's symbol graph.</summary>
public sealed record SpaceModel(
    string Namespace,
    string TypeName,
    string TypeKeyword,
    string Name,
    string Summary,
    EquatableArray<DimensionModel> Dimensions,
    EquatableArray<ConstraintModel> Constraints,
    EquatableArray<PresetModel> Presets,
    LocationInfo? Location);

/// <summary>A parsed space (or none, when the declaration is unusable) and what to report about it.</summary>
public sealed record ParseResult(SpaceModel? Space, EquatableArray<DiagnosticInfo> Diagnostics);
