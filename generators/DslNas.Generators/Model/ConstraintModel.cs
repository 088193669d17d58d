using DslNas.Engine;

namespace DslNas.Generators.Model;

/// <summary>One constraint argument: what it binds to, the dimension's index, and the parameter's C# type.</summary>
public sealed record ArgumentModel(ArgumentKind Kind, int Dimension, string Type);

/// <summary>A constraint method; <see cref="Expression"/> is its interpreted body, or null when it lies outside the interpretable subset.</summary>
public sealed record ConstraintModel(string Method, string Description, EquatableArray<ArgumentModel> Arguments, string? Expression);
