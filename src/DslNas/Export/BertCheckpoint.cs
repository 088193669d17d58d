using System.Globalization;
using DslNas.Data.Text;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Torch.Serialization;

namespace DslNas.Export;

/// <summary>
/// A dense encoder in a directory of Hugging Face's BERT layout: config.json (BertConfig's fields),
/// model.safetensors (BertModel's tensors) and vocab.txt. Reads checkpoints of BertModel (names without a prefix)
/// and of BERT with a head (names under "bert."), and writes names under "bert.", which BertModel and every
/// BertFor* class load. DslNas's encoder has no token types: reading folds token type 0 into the position
/// embeddings (DslNas feeds every token as segment 0), writing stores two token types of zeros. The masked-language-model
/// head (cls.predictions: bias, and in BERT's own checkpoints a transform) is read when the file has one and written
/// when given: a teacher's predictions, which distillation learns from, need it.
/// </summary>
public sealed class BertCheckpoint : IDisposable
{
    public const string ConfigFile = "config.json";
    public const string WeightsFile = "model.safetensors";
    public const string VocabularyFile = "vocab.txt";

    private BertCheckpoint(TransformerEncoder encoder, Linear? pooler, BertMlmHead? mlmHead, Vocabulary vocabulary)
    {
        Encoder = encoder;
        Pooler = pooler;
        MlmHead = mlmHead;
        Vocabulary = vocabulary;
    }

    /// <summary>The encoder, in eval mode as transformers' from_pretrained returns a model.</summary>
    public TransformerEncoder Encoder { get; }

    /// <summary>BERT's pooler (a [hidden, hidden] linear map of the first position, followed by tanh), when the checkpoint has one.</summary>
    public Linear? Pooler { get; }

    /// <summary>BERT's MLM head, when the checkpoint has one (cls.predictions.bias; BertModel's own files have none).</summary>
    public BertMlmHead? MlmHead { get; }

    public Vocabulary Vocabulary { get; }

    /// <summary>Reads a BERT directory; a missing or misshapen tensor, an unsupported config.json or a vocabulary of the wrong size is refused.</summary>
    public static BertCheckpoint Load(string directory)
    {
        var configPath = RequireFile(directory, ConfigFile);
        var weightsPath = RequireFile(directory, WeightsFile);
        var vocabularyPath = RequireFile(directory, VocabularyFile);
        var config = BertConfig.Read(configPath);
        var vocabulary = Vocabulary.Load(vocabularyPath);
        if (vocabulary.Count != config.VocabSize)
            throw new InvalidDataException($"{vocabularyPath}: holds {vocabulary.Count} tokens but {configPath} has vocab_size {config.VocabSize}");

        using var file = SafeTensors.Load(weightsPath);
        var source = new BertTensorSource(file.Tensors, weightsPath);
        // The encoder is allocated only once the weights file is known to hold at least as many values as it has parameters.
        var stored = file.Tensors.Values.Sum(t => (double)t.numel());
        if (stored < config.EncoderParameters)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{weightsPath}: holds {stored:N0} values but {configPath} describes an encoder of {config.EncoderParameters:N0} parameters"));
        var encoder = new TransformerEncoder(config.ToEncoderConfig());
        try
        {
            LoadEncoder(encoder, source, config);
            var pooler = LoadPooler(source, config.HiddenSize);
            var mlmHead = LoadMlmHead(source, config);
            encoder.eval();
            mlmHead?.eval();
            return new BertCheckpoint(encoder, pooler, mlmHead, vocabulary);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="encoder"/>, <paramref name="vocabulary"/> and, when given, <paramref name="pooler"/> and the
    /// MLM output bias <paramref name="mlmBias"/> [vocabulary] (cls.predictions.bias) into <paramref name="directory"/>. The encoder's layers must be identical with heads x head size = hidden, as BERT's
    /// config.json can only say that. Everything is checked before anything is written, and each file replaces its
    /// predecessor only once it is complete.
    /// </summary>
    public static void Save(string directory, TransformerEncoder encoder, Vocabulary vocabulary, Linear? pooler = null, Tensor? mlmBias = null)
    {
        var config = BertConfig.Describe(encoder.Config);
        if (vocabulary.Count != config.VocabSize)
            throw new ArgumentException($"the vocabulary holds {vocabulary.Count} tokens but the encoder embeds {config.VocabSize}", nameof(vocabulary));
        if (pooler is not null && (pooler.InFeatures != config.HiddenSize || pooler.OutFeatures != config.HiddenSize || pooler.bias is null))
            throw new ArgumentException(
                $"BERT's pooler maps {config.HiddenSize} features to {config.HiddenSize} with a bias; the given one maps {pooler.InFeatures} to " +
                $"{pooler.OutFeatures}{(pooler.bias is null ? " without a bias" : "")}", nameof(pooler));
        if (mlmBias is not null && !mlmBias.shape.SequenceEqual([config.VocabSize]))
            throw new ArgumentException($"the MLM bias must have shape [{config.VocabSize}], one value per token; got [{string.Join(", ", mlmBias.shape)}]", nameof(mlmBias));

        Directory.CreateDirectory(directory);
        using var scope = torch.NewDisposeScope();
        var state = encoder.state_dict();
        var tensors = BertLayout.EncoderNames(config.NumHiddenLayers).ToDictionary(n => BertLayout.Prefix + n.Bert, n => state[n.Encoder]);
        tensors[BertLayout.Prefix + BertLayout.TokenTypeEmbeddings] = torch.zeros([config.TypeVocabSize, config.HiddenSize]);
        if (pooler is not null)
        {
            tensors[BertLayout.Prefix + BertLayout.PoolerWeight] = pooler.weight;
            tensors[BertLayout.Prefix + BertLayout.PoolerBias] = pooler.bias!;
        }
        if (mlmBias is not null) tensors[BertLayout.MlmBias] = mlmBias;
        // transformers' from_pretrained refuses a safetensors file whose metadata does not name its framework.
        var metadata = new Dictionary<string, string> { ["format"] = "pt" };
        WriteReplacing(Path.Combine(directory, WeightsFile), path => SafeTensors.Save(path, tensors, metadata));
        WriteReplacing(Path.Combine(directory, ConfigFile), path => config.Write(path, vocabulary.PaddingId));
        WriteReplacing(Path.Combine(directory, VocabularyFile), vocabulary.Save);
    }

    public void Dispose()
    {
        Encoder.Dispose();
        Pooler?.Dispose();
        MlmHead?.Dispose();
    }

    private static void LoadEncoder(TransformerEncoder encoder, BertTensorSource source, BertConfig config)
    {
        using var scope = torch.NewDisposeScope();
        var shapes = encoder.named_parameters().ToDictionary(p => p.Key, p => p.Value.shape);
        var state = new Dictionary<string, Tensor>();
        foreach (var (encoderName, bertName) in BertLayout.EncoderNames(config.NumHiddenLayers))
            state[encoderName] = source.Require(bertName, shapes[encoderName]);
        var tokenTypes = source.Require(BertLayout.TokenTypeEmbeddings, [config.TypeVocabSize, config.HiddenSize]);
        state["position_embedding.weight"] = WithSegmentZero(state["position_embedding.weight"], tokenTypes);
        encoder.load_state_dict(state);
    }

    /// <summary>
    /// With every token in segment 0, BERT adds token type row 0 at every position, so adding it once to each position's
    /// row gives the same embeddings. A zero row is left out rather than added: x + 0 turns -0 into +0, and a
    /// checkpoint written by <see cref="Save"/> must read back bit for bit.
    /// </summary>
    private static Tensor WithSegmentZero(Tensor positions, Tensor tokenTypes)
    {
        var segmentZero = tokenTypes.select(0, 0);
        return segmentZero.ToArray<float>().All(v => v == 0) ? positions : positions.add(segmentZero);
    }

    private static Linear? LoadPooler(BertTensorSource source, int hidden)
    {
        if (!source.Contains(BertLayout.PoolerWeight) && !source.Contains(BertLayout.PoolerBias)) return null;
        var weight = source.Require(BertLayout.PoolerWeight, [hidden, hidden]);
        var bias = source.Require(BertLayout.PoolerBias, [hidden]);
        var pooler = new Linear(hidden, hidden);
        pooler.load_state_dict(new Dictionary<string, Tensor> { ["weight"] = weight, ["bias"] = bias });
        return pooler;
    }

    /// <summary>The MLM head when the file has its bias; a transform is read when any of its tensors is there, and then all four must be.</summary>
    private static BertMlmHead? LoadMlmHead(BertTensorSource source, BertConfig config)
    {
        var biasName = new[] { BertLayout.MlmBias, BertLayout.MlmDecoderBias }.FirstOrDefault(name => source.Contains(name, underPrefix: false));
        if (biasName is null) return null;
        var hidden = config.HiddenSize;
        var transform = new[] { BertLayout.MlmTransformWeight, BertLayout.MlmTransformBias, BertLayout.MlmTransformNormWeight, BertLayout.MlmTransformNormBias }
            .Any(name => source.Contains(name, underPrefix: false));
        var head = new BertMlmHead(config.VocabSize, transform ? hidden : null, config.LayerNormEps);
        try
        {
            var state = new Dictionary<string, Tensor> { ["bias"] = source.Require(biasName, [config.VocabSize], underPrefix: false) };
            if (transform)
            {
                state["dense.weight"] = source.Require(BertLayout.MlmTransformWeight, [hidden, hidden], underPrefix: false);
                state["dense.bias"] = source.Require(BertLayout.MlmTransformBias, [hidden], underPrefix: false);
                state["norm.weight"] = source.Require(BertLayout.MlmTransformNormWeight, [hidden], underPrefix: false);
                state["norm.bias"] = source.Require(BertLayout.MlmTransformNormBias, [hidden], underPrefix: false);
            }
            head.load_state_dict(state);
            return head;
        }
        catch
        {
            head.Dispose();
            throw;
        }
    }

    private static string RequireFile(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: missing; a BERT directory holds {ConfigFile}, {WeightsFile} and {VocabularyFile}", path);
        return path;
    }

    /// <summary>Writes beside <paramref name="path"/>, then renames over it, so a failed write leaves the previous file whole.</summary>
    private static void WriteReplacing(string path, Action<string> write)
    {
        var temporary = path + ".tmp";
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
