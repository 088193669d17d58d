namespace DslNas.Nn;

/// <summary>
/// What a supernet needs beyond its space: vocabulary, longest sequence, classes of the task head, dropout, and where
/// its layer norms sit (the models extracted from it keep the placement).
/// </summary>
public sealed record SupernetOptions(int VocabularySize, int MaxPositions, int Classes = 2, double Dropout = 0.1,
    LayerNormPlacement LayerNorm = LayerNormPlacement.Post);
