using System.Numerics;
using DslNas.Engine;

namespace DslNas;

/// <summary>
/// What drivers know of a registered space without its type: name, summary, engine (dimensions, constraints,
/// counting, sampling, costs), how to turn genes into the typed architecture, and its presets.
/// </summary>
public sealed class SearchSpaceDescriptor(
    string name,
    string summary,
    Type architectureType,
    Func<SpaceEngine> engine,
    Func<Genes, object> materialize,
    Func<IReadOnlyDictionary<string, object>> presets)
{
    private readonly Lazy<SpaceEngine> engine = new(engine);
    private readonly Lazy<IReadOnlyDictionary<string, object>> presets = new(presets);

    public string Name { get; } = name;
    public string Summary { get; } = summary;
    public Type ArchitectureType { get; } = architectureType;
    public SpaceEngine Engine => engine.Value;
    public BigInteger Count => Engine.Count;
    public IReadOnlyDictionary<string, object> Presets => presets.Value;

    public object Materialize(Genes genes) => materialize(genes);
}

/// <summary>Names a search space an assembly declares, so that drivers referencing the assembly load its registration.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class SearchSpaceTypeAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
