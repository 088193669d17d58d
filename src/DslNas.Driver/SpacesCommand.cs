namespace DslNas.Driver;

/// <summary>Lists the registered spaces with their summaries and exact sizes.</summary>
internal static class SpacesCommand
{
    internal static int Run(TextWriter output)
    {
        var spaces = SpaceCatalog.All;
        if (spaces.Count == 0)
        {
            output.WriteLine("no search spaces are registered: declare one with [SearchSpace] in this project or a referenced one");
            return 0;
        }
        var width = spaces.Max(s => s.Name.Length);
        foreach (var space in spaces)
            output.WriteLine($"{space.Name.PadRight(width)}  {Formatting.Count(space.Count),-28}  {space.Summary}");
        return 0;
    }
}
