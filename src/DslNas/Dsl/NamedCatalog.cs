namespace DslNas;

/// <summary>
/// Registered things by unique name (spaces, methods): registering the same name for another type is an error, and an
/// unknown name is an error that lists the known ones.
/// </summary>
internal sealed class NamedCatalog<T>(string kind, Func<T, string> nameOf, Func<T, Type> typeOf)
{
    private readonly Dictionary<string, T> entries = new(StringComparer.Ordinal);

    public void Register(T entry)
    {
        lock (entries)
        {
            var name = nameOf(entry);
            if (entries.TryGetValue(name, out var existing) && typeOf(existing) != typeOf(entry))
                throw new InvalidOperationException($"two {kind}s are named '{name}': {typeOf(existing).FullName} and {typeOf(entry).FullName}");
            entries[name] = entry;
        }
    }

    public IReadOnlyList<T> All
    {
        get
        {
            lock (entries) return entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value).ToList();
        }
    }

    public T Get(string name)
    {
        lock (entries)
        {
            if (entries.TryGetValue(name, out var entry)) return entry;
            var known = entries.Keys.Order(StringComparer.Ordinal).ToList();
            throw new KeyNotFoundException(known.Count == 0
                ? $"unknown {kind} '{name}': no {kind}s are registered"
                : $"unknown {kind} '{name}'; known {kind}s: {string.Join(", ", known)}");
        }
    }
}
