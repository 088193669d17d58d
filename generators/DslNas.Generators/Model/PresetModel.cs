namespace DslNas.Generators.Model;

/// <summary>A preset property; <see cref="Values"/> holds its constant values per dimension (encoded as "a,b,c"), when they are all constants.</summary>
public sealed record PresetModel(string Property, string Name, bool OutsideSpace, EquatableArray<string>? Values, LocationInfo? Location);
