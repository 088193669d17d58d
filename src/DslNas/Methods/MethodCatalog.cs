namespace DslNas;

/// <summary>The methods this process knows by name. Generated module initializers register each method; nothing is scanned.</summary>
public static class MethodCatalog
{
    private static readonly NamedCatalog<MethodDescriptor> Methods = new("method", m => m.Name, m => m.MethodType);

    public static void Register(MethodDescriptor method) => Methods.Register(method);

    public static IReadOnlyList<MethodDescriptor> All => Methods.All;

    public static MethodDescriptor Get(string name) => Methods.Get(name);
}
