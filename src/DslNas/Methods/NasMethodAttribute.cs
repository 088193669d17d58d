namespace DslNas;

/// <summary>
/// Marks a class implementing <see cref="Runs.INasMethod"/> as a search method: the generator registers it in the
/// <see cref="MethodCatalog"/> under <paramref name="name"/> (kebab-case), so drivers list and run it with --method.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NasMethodAttribute(string name) : Attribute
{
    public string Name { get; } = name;
    public string Summary { get; set; } = "";
}

/// <summary>Names a method an assembly declares, so that drivers referencing the assembly load its registration.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class NasMethodTypeAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
