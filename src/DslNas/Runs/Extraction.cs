using DslNas.Engine;
using DslNas.Nn;
using DslNas.Search;
using DslNas.Search.Lengths;

namespace DslNas.Runs;

/// <summary>
/// Writes a subnet of a run's trained supernet as a standalone model: the search's choice (with the length
/// configuration a length search chose, which the model applies at inference), or a given architecture; given
/// lengths ("l1,l2,...", checked against the architecture's layers and the run's --max-length) replace the choice's.
/// </summary>
public static class Extraction
{
    /// <summary>Extracts into <paramref name="output"/> (default: the search record's model/); returns the directory, the architecture and its encoder parameters.</summary>
    public static (string Directory, string Architecture, long Parameters) Run(RunSession session, string? architecture, string? output, string? lengthText = null)
    {
        session.Reload();
        var context = session.Context;
        var engine = context.Space.Engine;
        Genes genes;
        int[]? lengths = null;
        if (architecture is null)
        {
            var choice = Choice.Load(context.Search.Choice);
            genes = engine.Decode(choice.Code);
            lengths = choice.Lengths;
        }
        else genes = Parse(context, architecture);
        var text = ArchitectureJson.Write(context.Space.Name, engine, engine.ToValues(genes));
        var plan = engine.Plan(genes);
        if (lengthText is not null) lengths = LengthConfiguration.Parse(lengthText, plan.Layers.Count, context.Options.Data.MaxLength).Lengths.ToArray();
        if (lengths is not null) plan = new LengthConfiguration(lengths, context.Options.Data.MaxLength).Apply(plan);
        using var model = RunSupernet.Load(context).Extract(plan);
        var target = Path.GetFullPath(output ?? context.Search.Model);
        SavedModel.Save(target, model, new ModelConfig(context.Space.Name, text, context.Data.Vocabulary.Count, context.Options.Data.MaxLength,
            context.Data.Splits.Labels.ToArray(), context.Options.Data, context.Options.Seed, context.Options.LayerNorm, lengths), context.Directory.Vocabulary);
        return (target, text, model.encoder.parameter_count());
    }

    /// <summary>An architecture given as JSON or as a file holding it; one outside the run's space is refused with the space's own validation messages.</summary>
    internal static Genes Parse(RunContext context, string architecture)
    {
        var engine = context.Space.Engine;
        var json = File.Exists(architecture) ? File.ReadAllText(architecture) : architecture;
        var (parsed, problems) = engine.FromValues(ArchitectureJson.Read(context.Space.Name, engine, json, File.Exists(architecture) ? architecture : "the architecture"));
        return parsed ?? throw new FormatException($"the architecture is not in search space '{context.Space.Name}': {string.Join("; ", problems)}");
    }
}
