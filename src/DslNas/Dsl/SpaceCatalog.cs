namespace DslNas;

/// <summary>The spaces this process knows by name. Generated module initializers register each space; nothing is scanned.</summary>
public static class SpaceCatalog
{
    private static readonly Dictionary<string, SearchSpaceDescriptor> Spaces = new(StringComparer.Ordinal);

    public static void Register(SearchSpaceDescriptor space)
    {
        lock (Spaces)
        {
            if (Spaces.TryGetValue(space.Name, out var existing) && existing.ArchitectureType != space.ArchitectureType)
                throw new InvalidOperationException(
                    $"two search spaces are named '{space.Name}': {existing.ArchitectureType.FullName} and {space.ArchitectureType.FullName}");
            Spaces[space.Name] = space;
        }
    }

    public static IReadOnlyList<SearchSpaceDescriptor> All
    {
        get
        {
            lock (Spaces) return Spaces.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        }
    }

    public static SearchSpaceDescriptor Get(string name)
    {
        lock (Spaces)
        {
            if (Spaces.TryGetValue(name, out var space)) return space;
            var known = Spaces.Keys.Order(StringComparer.Ordinal).ToList();
            throw new KeyNotFoundException(known.Count == 0
                ? $"unknown search space '{name}': no spaces are registered"
                : $"unknown search space '{name}'; known spaces: {string.Join(", ", known)}");
        }
    }
}
