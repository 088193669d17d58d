using DslNas.Runs;

namespace DslNas;

/// <summary>What drivers know of a registered method: its name, summary, type and how to create it.</summary>
public sealed class MethodDescriptor(string name, string summary, Type methodType, Func<INasMethod> create)
{
    public string Name { get; } = name;
    public string Summary { get; } = summary;
    public Type MethodType { get; } = methodType;

    public INasMethod Create() => create();
}
