namespace DslNas.Torch.Nn;

/// <summary>A BERT-style encoder whose layers may each have their own shape.</summary>
public sealed record TransformerEncoderConfig(
    int VocabularySize,
    int MaxPositions,
    int Hidden,
    IReadOnlyList<EncoderLayerShape> Layers,
    double Dropout = 0.1,
    double LayerNormEps = 1e-12)
{
    /// <summary>An encoder of identical layers.</summary>
    public static TransformerEncoderConfig Uniform(int vocabularySize, int maxPositions, int hidden, int layers, int heads, int ffnSize, double dropout = 0.1) =>
        new(vocabularySize, maxPositions, hidden, Enumerable.Repeat(new EncoderLayerShape(heads, hidden / heads, ffnSize), layers).ToArray(), dropout);

    public void Validate()
    {
        if (VocabularySize < 1) throw new ArgumentException($"VocabularySize must be positive, got {VocabularySize}");
        if (MaxPositions < 1) throw new ArgumentException($"MaxPositions must be positive, got {MaxPositions}");
        if (Hidden < 1) throw new ArgumentException($"Hidden must be positive, got {Hidden}");
        if (Dropout is < 0 or >= 1) throw new ArgumentException($"Dropout must lie in [0, 1), got {Dropout}");
        for (var i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i];
            if (layer.Heads < 1 || layer.HeadSize < 1 || layer.FfnSize < 1 || layer.EffectiveValueSize < 1)
                throw new ArgumentException($"layer {i} must have positive sizes, got {layer}");
        }
    }
}
