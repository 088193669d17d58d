using System.Globalization;
using System.Text.Json;
using DslNas.Torch.Nn;

namespace DslNas.Export;

/// <summary>
/// The fields of a Hugging Face BERT config.json that shape a dense encoder, read and written with BertConfig's
/// names. DslNas's encoder is post-norm with the exact (erf) GELU and learned absolute positions, as BERT is, and uses
/// one dropout rate for hidden states and attention probabilities; a config.json that asks for anything else is
/// refused rather than loaded into a model that would compute something different.
/// </summary>
internal sealed record BertConfig(
    int VocabSize,
    int MaxPositionEmbeddings,
    int TypeVocabSize,
    int HiddenSize,
    int NumHiddenLayers,
    int NumAttentionHeads,
    int IntermediateSize,
    double LayerNormEps,
    double DropoutProb)
{
    /// <summary>The token type rows written: BERT's two segments, both zero because DslNas has no segments.</summary>
    public const int WrittenTypeVocabSize = 2;

    private const double InitializerRange = 0.02;

    public int HeadSize => HiddenSize / NumAttentionHeads;

    /// <summary>
    /// The parameters of BertModel's encoder without the pooler (embeddings, layers and their norms), as a double so that
    /// an absurd config cannot overflow it: what a checkpoint of this config must hold at the least.
    /// </summary>
    public double EncoderParameters
    {
        get
        {
            double h = HiddenSize, i = IntermediateSize;
            var layer = 4 * (h * h + h) + (h * i + i) + (i * h + h) + 2 * 2 * h;
            return (double)VocabSize * h + (double)MaxPositionEmbeddings * h + 2 * h + NumHiddenLayers * layer;
        }
    }

    public TransformerEncoderConfig ToEncoderConfig() => new(
        VocabSize, MaxPositionEmbeddings, HiddenSize,
        Enumerable.Repeat(new EncoderLayerShape(NumAttentionHeads, HeadSize, IntermediateSize), NumHiddenLayers).ToArray(),
        DropoutProb, LayerNormEps);

    /// <summary>The config of an encoder whose layers BERT's layout can hold: identical, with heads x head size = hidden.</summary>
    public static BertConfig Describe(TransformerEncoderConfig encoder)
    {
        if (encoder.Layers.Count == 0)
            throw new ArgumentException("BERT's layout needs at least one layer; the encoder has none", nameof(encoder));
        var first = encoder.Layers[0];
        for (var i = 0; i < encoder.Layers.Count; i++)
        {
            var layer = encoder.Layers[i];
            if (layer.Heads * layer.HeadSize != encoder.Hidden || layer.EffectiveValueSize != layer.HeadSize
                || layer.Heads != first.Heads || layer.FfnSize != first.FfnSize)
                throw new ArgumentException(
                    $"layer {i} of the encoder is {layer}; BERT's layout needs identical layers whose heads x head size equals the hidden size " +
                    $"{encoder.Hidden} and whose value size equals the head size (layer 0 is {first})", nameof(encoder));
        }
        return new BertConfig(encoder.VocabularySize, encoder.MaxPositions, WrittenTypeVocabSize, encoder.Hidden, encoder.Layers.Count,
            first.Heads, first.FfnSize, encoder.LayerNormEps, encoder.Dropout);
    }

    /// <summary>Reads and checks config.json; fields DslNas does not use (classifier_dropout, use_cache, ...) are ignored.</summary>
    public static BertConfig Read(string path)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON: {e.Message}", e);
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{path}: expected a JSON object of BertConfig fields, found {root.ValueKind}");
        var fields = new Fields(root, path);

        fields.RequireText("model_type", "bert", "BERT's tensor names and absolute positions are the only layout read");
        fields.RequireText("hidden_act", "gelu", "DslNas's encoder uses the exact (erf) GELU, which BERT calls 'gelu'");
        fields.RequireText("position_embedding_type", "absolute", "DslNas's encoder learns one embedding per absolute position");
        var hidden = fields.PositiveInt("hidden_size");
        var heads = fields.PositiveInt("num_attention_heads");
        if (hidden % heads != 0)
            throw new InvalidDataException($"{path}: hidden_size {hidden} is not divisible by num_attention_heads {heads}");
        var eps = fields.Number("layer_norm_eps", 1e-12);
        if (eps <= 0) throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}: layer_norm_eps must be positive, got {eps}"));
        var hiddenDropout = fields.Probability("hidden_dropout_prob");
        var attentionDropout = fields.Probability("attention_probs_dropout_prob");
        if (hiddenDropout != attentionDropout)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: hidden_dropout_prob {hiddenDropout} differs from attention_probs_dropout_prob {attentionDropout}; DslNas's encoder uses one dropout rate for both"));
        return new BertConfig(
            fields.PositiveInt("vocab_size"), fields.PositiveInt("max_position_embeddings"), fields.PositiveInt("type_vocab_size"),
            hidden, fields.PositiveInt("num_hidden_layers"), heads, fields.PositiveInt("intermediate_size"), eps, hiddenDropout);
    }

    /// <summary>Writes config.json as BertConfig.to_json_file does: indented, keys sorted.</summary>
    public void Write(string path, int padTokenId)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteStartArray("architectures");
        writer.WriteStringValue("BertModel");
        writer.WriteEndArray();
        writer.WriteNumber("attention_probs_dropout_prob", DropoutProb);
        writer.WriteString("hidden_act", "gelu");
        writer.WriteNumber("hidden_dropout_prob", DropoutProb);
        writer.WriteNumber("hidden_size", HiddenSize);
        writer.WriteNumber("initializer_range", InitializerRange);
        writer.WriteNumber("intermediate_size", IntermediateSize);
        writer.WriteNumber("layer_norm_eps", LayerNormEps);
        writer.WriteNumber("max_position_embeddings", MaxPositionEmbeddings);
        writer.WriteString("model_type", "bert");
        writer.WriteNumber("num_attention_heads", NumAttentionHeads);
        writer.WriteNumber("num_hidden_layers", NumHiddenLayers);
        writer.WriteNumber("pad_token_id", padTokenId);
        writer.WriteString("position_embedding_type", "absolute");
        writer.WriteNumber("type_vocab_size", TypeVocabSize);
        writer.WriteNumber("vocab_size", VocabSize);
        writer.WriteEndObject();
    }

    /// <summary>Typed access to config.json's fields; absent optional fields take BertConfig's defaults.</summary>
    private readonly struct Fields(JsonElement root, string path)
    {
        public void RequireText(string name, string expected, string reason)
        {
            if (!root.TryGetProperty(name, out var element)) return;
            var value = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
            if (value != expected)
                throw new InvalidDataException($"{path}: {name} is '{value}' but only '{expected}' is supported: {reason}");
        }

        public int PositiveInt(string name)
        {
            if (!root.TryGetProperty(name, out var element))
                throw new InvalidDataException($"{path}: the required field {name} is missing");
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value) || value < 1)
                throw new InvalidDataException($"{path}: {name} must be a positive integer, got {element.GetRawText()}");
            return value;
        }

        public double Number(string name, double fallback)
        {
            if (!root.TryGetProperty(name, out var element)) return fallback;
            if (element.ValueKind != JsonValueKind.Number)
                throw new InvalidDataException($"{path}: {name} must be a number, got {element.GetRawText()}");
            return element.GetDouble();
        }

        public double Probability(string name)
        {
            var value = Number(name, 0.1);
            if (value is < 0 or >= 1)
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}: {name} must lie in [0, 1), got {value}"));
            return value;
        }
    }
}
