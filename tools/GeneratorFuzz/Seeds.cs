using System.Reflection;

namespace DslNas.GeneratorFuzz;

/// <summary>A declaration to mutate: the seed spaces and the sample project's space and method, embedded as written.</summary>
public sealed record Seed(string Name, string Source)
{
    public static IReadOnlyList<Seed> All { get; } = Load();

    private static List<Seed> Load()
    {
        var assembly = typeof(Seed).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("seed:", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new Seed(Path.GetFileNameWithoutExtension(n["seed:".Length..]), Read(assembly, n)))
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
