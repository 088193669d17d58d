using System.Collections.Generic;

namespace DslNas.Engine;

public enum ValueFormat
{
    Number,
    Boolean,
    Label,
}

/// <summary>
/// One dimension of a space: its role, whether each layer chooses (<see cref="PerLayer"/>), the block size within
/// which a per-layer value stays constant (0 = none), and its candidates as numbers (ops by their enum value) with
/// display labels.
/// </summary>
public sealed class DimensionSpec
{
    public DimensionSpec(string name, Role role, bool perLayer, int perBlock, IReadOnlyList<double> values, IReadOnlyList<string> labels,
        ValueFormat format = ValueFormat.Number)
    {
        Format = format;
        Name = name;
        Role = role;
        PerLayer = perLayer;
        PerBlock = perBlock;
        Values = values;
        Labels = labels;
    }

    public string Name { get; }
    public Role Role { get; }
    public bool PerLayer { get; }
    public int PerBlock { get; }
    public IReadOnlyList<double> Values { get; }
    public IReadOnlyList<string> Labels { get; }

    /// <summary>How values appear outside the engine (JSON, reports): as numbers, booleans or candidate names.</summary>
    public ValueFormat Format { get; }

    public int IndexOf(double value)
    {
        for (var i = 0; i < Values.Count; i++)
            if (Values[i].Equals(value)) return i;
        return -1;
    }

    public override string ToString() => Name;
}
