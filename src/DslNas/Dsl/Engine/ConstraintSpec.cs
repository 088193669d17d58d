using System;
using System.Collections.Generic;

namespace DslNas.Engine;

public enum ArgumentKind
{
    /// <summary>The dimension's value (this layer's, for a per-layer dimension).</summary>
    Current,

    /// <summary>The previous layer's value of a per-layer dimension.</summary>
    Previous,

    /// <summary>The index of the layer being checked.</summary>
    LayerIndex,
}

/// <summary>One parameter of a constraint method: what it binds to.</summary>
public sealed class ConstraintArgument
{
    public ConstraintArgument(ArgumentKind kind, int dimension)
    {
        Kind = kind;
        Dimension = dimension;
    }

    public ArgumentKind Kind { get; }

    /// <summary>Index into the space's dimensions; -1 for <see cref="ArgumentKind.LayerIndex"/>.</summary>
    public int Dimension { get; }
}

/// <summary>A rule over dimension values: the compiled method at run time, or the interpreted body at compile time.</summary>
public sealed class ConstraintSpec
{
    public ConstraintSpec(string name, string description, IReadOnlyList<ConstraintArgument> arguments, Func<double[], bool> predicate, string? expression = null)
    {
        Expression = expression;
        Name = name;
        Description = description;
        Arguments = arguments;
        Predicate = predicate;
    }

    public string Name { get; }
    public string Description { get; }
    public IReadOnlyList<ConstraintArgument> Arguments { get; }
    public Func<double[], bool> Predicate { get; }

    /// <summary>The body as the generator interpreted it (see <see cref="ConstraintExpression"/>), or null when it is checked at run time only.</summary>
    public string? Expression { get; }
}
