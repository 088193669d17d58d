using DslNas.Artifacts;
using DslNas.Data.Text;
using DslNas.Export;
using DslNas.Export.Onnx;
using DslNas.Nn;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Torch.Serialization;

namespace DslNas.Runs;

/// <summary>The files an export wrote and what they hold.</summary>
public sealed record ExportResult(string Directory, string Architecture, string Source, IReadOnlyList<string> Files);

/// <summary>
/// Writes a run's model for other runtimes: BERT's layout (config.json, model.safetensors with BertModel's names,
/// vocab.txt and the classification head in classifier.safetensors) for a plain encoder, an ONNX model of any subnet,
/// and always tokenizer.json (Hugging Face's tokenizers format) and export.json (what the files hold and how the
/// logits are computed). Everything is checked before anything is written.
/// </summary>
public static class ModelExport
{
    public const string OnnxFile = "model.onnx";
    public const string ClassifierFile = "classifier.safetensors";
    public const string DescriptionFile = "export.json";

    public static ExportResult Run(RunSession session, ExportRequest request)
    {
        var context = session.Context;
        var target = Path.GetFullPath(request.Output ?? Path.Combine(context.Search.Path, "export"));
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !request.Force)
            throw new RunInputException($"the output directory {target} exists and is not empty; pass --force to write into it, or name another with --output");

        session.Reload();
        var (model, vocabulary, architecture, source) = Load(context, request.Architecture);
        using (model)
        {
            var encoder = request.Format == ExportFormat.Onnx ? null : BertEncoder(model, architecture);
            var tokenizer = new WordPieceTokenizer(vocabulary);
            var maxLength = context.Options.Data.MaxLength;
            var files = new List<string>();
            Directory.CreateDirectory(target);
            if (encoder is not null)
            {
                BertCheckpoint.Save(target, encoder, vocabulary);
                using (var scope = torch.NewDisposeScope())
                    SafeTensors.Save(Path.Combine(target, ClassifierFile),
                        new Dictionary<string, Tensor> { ["classifier.weight"] = model.classifier.weight, ["classifier.bias"] = model.classifier.bias! },
                        new Dictionary<string, string> { ["format"] = "pt" });
                files.AddRange([BertCheckpoint.ConfigFile, BertCheckpoint.WeightsFile, ClassifierFile]);
            }
            if (request.Format != ExportFormat.Bert)
            {
                OnnxSubnet.Save(Path.Combine(target, OnnxFile), model, new Dictionary<string, string>
                {
                    ["space"] = context.Space.Name,
                    ["architecture"] = architecture,
                    ["labels"] = string.Join(",", context.Data.Splits.Labels),
                });
                files.Add(OnnxFile);
            }
            vocabulary.Save(Path.Combine(target, BertCheckpoint.VocabularyFile));
            TokenizerJson.Save(target, tokenizer, maxLength);
            files.AddRange([BertCheckpoint.VocabularyFile, TokenizerJson.TokenizerFile, TokenizerJson.ConfigFile, DescriptionFile]);
            JsonArtifact.Save(Path.Combine(target, DescriptionFile), new ExportDescription(context.Space.Name, architecture, source, model.Plan.ToString(),
                context.Data.Splits.Labels.ToArray(), maxLength, encoder is null ? null : "BertModel", request.Format == ExportFormat.Bert ? null : OnnxSubnet.Opset,
                "logits = last_hidden_state[:, 0] @ classifier.weight^T + classifier.bias (the first token's final hidden state, no pooler)"));
            context.Log($"exported {architecture} ({source}) as {request.Format} to {target}");
            return new ExportResult(target, architecture, source, files);
        }
    }

    /// <summary>export.json: what was exported, from where, and how to compute what DslNas computes from the files.</summary>
    private sealed record ExportDescription(string Space, string Architecture, string Source, string Layers, string[] Labels, int MaxLength,
        string? BertArchitecture, int? OnnxOpset, string Logits);

    private static (ExtractedSubnet Model, Vocabulary Vocabulary, string Architecture, string Source) Load(RunContext context, string? architecture)
    {
        var engine = context.Space.Engine;
        if (architecture is not null)
        {
            Engine.Genes genes;
            try
            {
                genes = Extraction.Parse(context, architecture);
            }
            catch (FormatException e)
            {
                throw new RunInputException(e.Message);
            }
            return (Extract(context, genes), context.Data.Vocabulary, ArchitectureJson.Write(context.Space.Name, engine, engine.ToValues(genes)),
                "extracted from the trained supernet");
        }
        var saved = Path.Combine(context.Search.Model, "model.json");
        if (File.Exists(saved))
        {
            var config = SavedModel.Config(context.Search.Model);
            var (model, vocabulary) = SavedModel.Load(context.Search.Model, config);
            return (model, vocabulary, config.Architecture, $"the search's fine-tuned model ({context.Search.Model})");
        }
        if (!File.Exists(context.Search.Choice))
            throw new RunInputException($"the search '{context.Search.Name}' of {context.Directory.Path} has no chosen model; run 'choose' (or 'run') first, or name one with --architecture");
        var choice = Choice.Load(context.Search.Choice);
        return (Extract(context, engine.Decode(choice.Code)), context.Data.Vocabulary, choice.Architecture, "the search's choice, extracted from the trained supernet");
    }

    private static ExtractedSubnet Extract(RunContext context, Engine.Genes genes)
    {
        var model = RunSupernet.Load(context).Extract(context.Space.Engine.Plan(genes));
        model.eval();
        return model;
    }

    /// <summary>The model's encoder when BERT's config.json can describe it; otherwise an error naming what it cannot say.</summary>
    private static TransformerEncoder BertEncoder(ExtractedSubnet model, string architecture)
    {
        var plan = model.Plan;
        string? reason = plan.Layers.Any(l => l.Op != Engine.LayerOp.FullLayer) ? "its layers run single operations (attention, FFN, convolution or identity), not full BERT layers"
            : plan.Layers.Any(l => l.Hidden != plan.FirstHidden) ? "its hidden size changes between layers"
            : plan.ReducesLength ? "its layers keep fewer tokens (length reduction)"
            : model.encoder is Nn.Dense.DenseSubnet { LayerNorm: LayerNormPlacement.Pre } ? "its layer norms come before each operation (pre-LayerNorm), where BertModel normalizes after"
            : null;
        if (reason is null && model.encoder is TransformerEncoder encoder)
        {
            try
            {
                BertConfig.Describe(encoder.Config);
                return encoder;
            }
            catch (ArgumentException e)
            {
                reason = e.Message.Split(" (Parameter")[0];
            }
        }
        throw new RunInputException($"BERT's config.json cannot describe {architecture}: {reason}; export it with --format onnx");
    }
}
