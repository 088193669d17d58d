using DslNas.Runs;

namespace DslNas.Driver;

/// <summary>The registered methods (name and summary), and one method's stages, its own defaults and the spaces it accepts.</summary>
internal static class MethodsCommand
{
    internal static int List(TextWriter output)
    {
        var methods = MethodCatalog.All;
        if (methods.Count == 0)
        {
            output.WriteLine("no methods are registered: declare one with [NasMethod] in this project or a referenced one");
            return 0;
        }
        var width = methods.Max(m => m.Name.Length);
        foreach (var method in methods) output.WriteLine($"{method.Name.PadRight(width)}  {method.Summary}");
        return 0;
    }

    internal static int Describe(string name, TextWriter output)
    {
        MethodDescriptor method;
        try
        {
            method = MethodCatalog.Get(name);
        }
        catch (KeyNotFoundException e)
        {
            throw new RunInputException(e.Message);
        }
        var instance = method.Create();
        output.WriteLine($"{method.Name}: {method.Summary}");
        output.WriteLine($"type: {method.MethodType.FullName}");
        output.WriteLine();
        output.WriteLine("stages:");
        var width = instance.Stages.Max(s => s.Name.Length);
        foreach (var stage in instance.Stages)
            output.WriteLine($"  {stage.Name.PadRight(width)}  {(stage.Scope == StageScope.Search ? "(per search) " : "")}{stage.Summary}");
        if (instance.Defaults.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("defaults of its own (a new run takes them unless the flag is given):");
            foreach (var entry in instance.Defaults)
                output.WriteLine($"  {entry.Setting.Flag} {entry.Format()} (the library's is {entry.Setting.Format(RunOptions.Defaults)}): {entry.Reason}");
        }
        output.WriteLine();
        output.WriteLine("spaces:");
        foreach (var space in SpaceCatalog.All)
            output.WriteLine(instance.Rejects(space) is { } reason ? $"  {space.Name}: not accepted ({reason})" : $"  {space.Name}: accepted");
        return 0;
    }
}
