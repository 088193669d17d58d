namespace DslNas;

/// <summary>The methods this process knows by name. Generated module initializers register each method; nothing is scanned.</summary>
public static class MethodCatalog
{
    private static readonly Dictionary<string, MethodDescriptor> Methods = new(StringComparer.Ordinal);

    public static void Register(MethodDescriptor method)
    {
        lock (Methods)
        {
            if (Methods.TryGetValue(method.Name, out var existing) && existing.MethodType != method.MethodType)
                throw new InvalidOperationException(
                    $"two methods are named '{method.Name}': {existing.MethodType.FullName} and {method.MethodType.FullName}");
            Methods[method.Name] = method;
        }
    }

    public static IReadOnlyList<MethodDescriptor> All
    {
        get
        {
            lock (Methods) return Methods.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        }
    }

    public static MethodDescriptor Get(string name)
    {
        lock (Methods)
        {
            if (Methods.TryGetValue(name, out var method)) return method;
            var known = Methods.Keys.Order(StringComparer.Ordinal).ToList();
            throw new KeyNotFoundException(known.Count == 0
                ? $"unknown method '{name}': no methods are registered"
                : $"unknown method '{name}'; known methods: {string.Join(", ", known)}");
        }
    }
}
