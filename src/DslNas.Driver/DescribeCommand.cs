using DslNas.Engine;

namespace DslNas.Driver;

/// <summary>Prints a space's dimensions, constraints, size, presets, and its largest and smallest architectures with their costs.</summary>
internal static class DescribeCommand
{
    internal static int Run(string[] args, TextWriter output)
    {
        if (args.Length != 1) throw new ArgumentException("describe takes one space name: describe <space> (see 'spaces')");
        var space = SpaceCatalog.Get(args[0]);
        var engine = space.Engine;
        output.WriteLine($"{space.Name}: {space.Summary}");
        output.WriteLine($"architecture type: {space.ArchitectureType.FullName}");
        output.WriteLine();
        output.WriteLine("dimensions:");
        foreach (var dimension in engine.Dimensions)
        {
            var scope = dimension.PerLayer ? dimension.PerBlock > 1 ? $"per block of {dimension.PerBlock} layers" : "per layer" : "global";
            output.WriteLine($"  {dimension.Name,-12} {dimension.Role,-10} {scope,-24} {{{string.Join(", ", dimension.Labels)}}}");
        }
        output.WriteLine();
        output.WriteLine("constraints:");
        if (engine.Constraints.Count == 0) output.WriteLine("  (none)");
        foreach (var constraint in engine.Constraints) output.WriteLine($"  {constraint.Description} ({constraint.Name})");
        output.WriteLine();
        output.WriteLine($"architectures: {Formatting.Count(engine.Count)}");
        Architecture(output, "largest", engine, engine.Extreme(largest: true));
        Architecture(output, "smallest", engine, engine.Extreme(largest: false));
        foreach (var (name, preset) in space.Presets)
            output.WriteLine($"preset {name}: {preset}");
        return 0;
    }

    private static void Architecture(TextWriter output, string label, SpaceEngine engine, Genes genes)
    {
        var values = engine.ToValues(genes);
        var shape = string.Join(", ", engine.Dimensions.Select((d, i) => $"{d.Name}={Values(d, values[i])}"));
        output.WriteLine($"{label}: {shape}");
        output.WriteLine($"  parameters {Formatting.Number(engine.Parameters(genes))} (encoder layers), FLOPs {Formatting.Number(engine.Flops(genes, engine.ExtremeSequenceLength))} at {engine.ExtremeSequenceLength} tokens");
    }

    private static string Values(DimensionSpec dimension, double[] values)
    {
        var labels = values.Select(v => dimension.Labels[dimension.IndexOf(v)]).ToArray();
        return dimension.PerLayer ? "[" + string.Join(" ", labels) + "]" : labels[0];
    }
}
