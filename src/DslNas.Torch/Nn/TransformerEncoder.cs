namespace DslNas.Torch.Nn;

/// <summary>
/// A dense BERT-style encoder: token and position embeddings, layer norm, dropout, then the layers.
/// Weights are initialized as BERT's (normal, std 0.02; zero biases).
/// </summary>
public sealed class TransformerEncoder : Module
{
    private readonly List<TransformerEncoderLayer> layers = [];

    public TransformerEncoder(TransformerEncoderConfig config)
    {
        config.Validate();
        Config = config;
        token_embedding = register_module(nameof(token_embedding), new Embedding(config.VocabularySize, config.Hidden));
        position_embedding = register_module(nameof(position_embedding), new Embedding(config.MaxPositions, config.Hidden));
        embedding_norm = register_module(nameof(embedding_norm), new LayerNorm(config.Hidden, config.LayerNormEps));
        dropout = register_module(nameof(dropout), new Dropout(config.Dropout));
        for (var i = 0; i < config.Layers.Count; i++)
            layers.Add(register_module($"layer{i}", new TransformerEncoderLayer(config.Hidden, config.Layers[i], config.Dropout, config.LayerNormEps)));
        InitializeBertStyle(this);
    }

    public TransformerEncoderConfig Config { get; }
    public Embedding token_embedding { get; }
    public Embedding position_embedding { get; }
    public LayerNorm embedding_norm { get; }
    public Dropout dropout { get; }
    public IReadOnlyList<TransformerEncoderLayer> Layers => layers;

    /// <summary>Normal(0, 0.02) for matrices, kernels and embeddings, zeros for biases; layer norms keep ones and zeros.</summary>
    public static void InitializeBertStyle(Module module)
    {
        foreach (var (name, parameter) in module.named_parameters())
        {
            if (name.Contains("norm.")) continue;
            if (name.EndsWith("bias", StringComparison.Ordinal)) Init.Constant(parameter, 0);
            else Init.Normal(parameter, 0.02);
        }
    }

    /// <summary>Turns a [batch, seq] keep-mask (1 = token, 0 = padding) into an additive [batch, 1, 1, seq] mask.</summary>
    public static Tensor AdditiveMask(Tensor keepMask)
    {
        using var scope = torch.NewDisposeScope();
        var keep = keepMask.to_type(ScalarType.Float32);
        return ((1.0 - keep) * -10000.0).unsqueeze(1).unsqueeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>The embeddings of ids [batch, seq], before any layer.</summary>
    public Tensor Embed(Tensor ids)
    {
        var length = ids.size(1);
        if (length > Config.MaxPositions)
            throw new ArgumentException($"the sequence has {length} tokens but the encoder has {Config.MaxPositions} positions");
        using var scope = torch.NewDisposeScope();
        var positions = torch.arange(length).unsqueeze(0);
        var embedded = token_embedding.forward(ids).add(position_embedding.forward(positions));
        return dropout.forward(embedding_norm.forward(embedded)).MoveToOuterDisposeScope();
    }

    /// <summary>Hidden states [batch, seq, hidden] for ids [batch, seq]; keepMask [batch, seq] marks real tokens.</summary>
    public Tensor forward(Tensor ids, Tensor? keepMask = null)
    {
        using var scope = torch.NewDisposeScope();
        var mask = keepMask is null ? null : AdditiveMask(keepMask);
        var x = Embed(ids);
        foreach (var layer in layers) x = layer.forward(x, mask);
        return x.MoveToOuterDisposeScope();
    }
}
