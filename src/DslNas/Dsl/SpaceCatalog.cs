namespace DslNas;

/// <summary>The spaces this process knows by name. Generated module initializers register each space; nothing is scanned.</summary>
public static class SpaceCatalog
{
    private static readonly NamedCatalog<SearchSpaceDescriptor> Spaces = new("search space", s => s.Name, s => s.ArchitectureType);

    public static void Register(SearchSpaceDescriptor space) => Spaces.Register(space);

    public static IReadOnlyList<SearchSpaceDescriptor> All => Spaces.All;

    public static SearchSpaceDescriptor Get(string name) => Spaces.Get(name);
}
