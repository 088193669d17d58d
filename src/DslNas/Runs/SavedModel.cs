using DslNas.Artifacts;
using DslNas.Data.Text;
using DslNas.Engine;
using DslNas.Nn;
using DslNas.Search.Lengths;
using DslNas.Torch;
using DslNas.Torch.Serialization;

namespace DslNas.Runs;

/// <summary>
/// model.json: what is needed to rebuild and use an extracted model, and to re-create exactly the splits it was
/// trained and scored on (the data options and the split seed). <see cref="Lengths"/>, when present, is the
/// Length-Adaptive Transformer's length configuration: the tokens each layer keeps, applied at inference.
/// </summary>
public sealed record ModelConfig(string Space, string Architecture, int VocabularySize, int MaxLength, string[] Labels, DataOptions Data, int SplitSeed,
    LayerNormPlacement LayerNorm = LayerNormPlacement.Post, int[]? Lengths = null);

/// <summary>A model directory: model.safetensors, model.json and vocab.txt.</summary>
public static class SavedModel
{
    public static void Save(string directory, ExtractedSubnet model, ModelConfig config, string vocabularyPath)
    {
        if (model.EmbeddingWidth != model.Plan.FirstHidden)
            throw new ArgumentException($"the model's embeddings ({model.EmbeddingWidth} wide) are narrower than its first layer ({model.Plan.FirstHidden}); model.json cannot describe such a model");
        Directory.CreateDirectory(directory);
        SafeTensors.Save(Path.Combine(directory, "model.safetensors"), model.named_parameters().ToDictionary(p => p.Key, p => (Tensor)p.Value),
            new Dictionary<string, string> { ["space"] = config.Space });
        File.Copy(vocabularyPath, Path.Combine(directory, "vocab.txt"), overwrite: true);
        JsonArtifact.Save(Path.Combine(directory, "model.json"), config);
    }

    public static ModelConfig Config(string directory) =>
        JsonArtifact.Load<ModelConfig>(Path.Combine(directory, "model.json"), "model configuration", "not a model directory written by 'extract' or 'run'");

    /// <summary>The model with its weights, in eval mode, and its vocabulary.</summary>
    public static (ExtractedSubnet Model, Vocabulary Vocabulary) Load(string directory, ModelConfig config)
    {
        var space = SpaceCatalog.Get(config.Space);
        var configPath = Path.Combine(directory, "model.json");
        var weightsPath = Path.Combine(directory, "model.safetensors");
        // A missing or null field is refused when model.json is read; an empty list of labels gets here.
        if (config.Labels.Length == 0) throw new InvalidDataException($"{configPath}: the labels are empty; a model needs at least one");
        var values = ArchitectureJson.Read(space.Name, space.Engine, config.Architecture, $"{configPath}, its architecture");
        var (genes, problems) = space.Engine.FromValues(values);
        if (genes is null) throw new InvalidDataException($"{configPath}: the architecture is not in '{space.Name}': {string.Join("; ", problems)}");
        if (config.VocabularySize < 1 || config.MaxLength < 1)
            throw new InvalidDataException($"{configPath}: the vocabulary size ({config.VocabularySize}) and the maximum length ({config.MaxLength}) must be positive");
        var plan = space.Engine.Plan(genes);
        if (config.Lengths is { } lengths)
        {
            try
            {
                plan = new LengthConfiguration(lengths, config.MaxLength).Apply(plan);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{Path.Combine(directory, "model.json")}: the length configuration {string.Join(",", lengths)} does not fit the model: {e.Message}", e);
            }
        }
        using var weights = SafeTensors.Load(weightsPath);
        // The model is allocated only once the weights file is known to hold at least as many values as it has parameters.
        var stored = weights.Tensors.Values.Sum(t => t.numel());
        var needed = space.Engine.Parameters(values, config.VocabularySize, config.MaxLength);
        if (stored < needed)
            throw new InvalidDataException($"{weightsPath}: holds {stored:N0} values but {configPath} describes a model of {needed:N0} parameters");
        var model = ExtractedSubnet.Create(plan, new SupernetOptions(config.VocabularySize, config.MaxLength, config.Labels.Length, LayerNorm: config.LayerNorm));
        try
        {
            model.load_state_dict(weights.Tensors);
        }
        catch (ArgumentException e)
        {
            model.Dispose();
            throw new InvalidDataException($"{weightsPath}: the weights do not fit the model {configPath} describes: {e.Message}", e);
        }
        model.eval();
        return (model, Vocabulary.Load(Path.Combine(directory, "vocab.txt")));
    }
}
