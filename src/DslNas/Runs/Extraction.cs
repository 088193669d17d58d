using DslNas.Engine;
using DslNas.Nn;
using DslNas.Search;

namespace DslNas.Runs;

/// <summary>Writes a subnet of a run's trained supernet as a standalone model: the search's choice, or a given architecture.</summary>
public static class Extraction
{
    /// <summary>Extracts into <paramref name="output"/> (default: the search record's model/); returns the directory, the architecture and its encoder parameters.</summary>
    public static (string Directory, string Architecture, long Parameters) Run(RunSession session, string? architecture, string? output)
    {
        session.Reload();
        var context = session.Context;
        var engine = context.Space.Engine;
        var genes = architecture is null ? engine.Decode(Choice.Load(context.Search.Choice).Code) : Parse(context, architecture);
        var text = ArchitectureJson.Write(context.Space.Name, engine, engine.ToValues(genes));
        using var model = RunSupernet.Load(context).Extract(engine.Plan(genes));
        var target = Path.GetFullPath(output ?? context.Search.Model);
        SavedModel.Save(target, model, new ModelConfig(context.Space.Name, text, context.Data.Vocabulary.Count, context.Options.Data.MaxLength,
            context.Data.Splits.Labels.ToArray(), context.Options.Data, context.Options.Seed), context.Directory.Vocabulary);
        return (target, text, model.encoder.parameter_count());
    }

    /// <summary>An architecture given as JSON or as a file holding it; one outside the run's space is refused with the space's own validation messages.</summary>
    internal static Genes Parse(RunContext context, string architecture)
    {
        var engine = context.Space.Engine;
        var json = File.Exists(architecture) ? File.ReadAllText(architecture) : architecture;
        var (parsed, problems) = engine.FromValues(ArchitectureJson.Read(context.Space.Name, engine, json));
        return parsed ?? throw new FormatException($"the architecture is not in search space '{context.Space.Name}': {string.Join("; ", problems)}");
    }
}
