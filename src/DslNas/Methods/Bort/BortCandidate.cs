using DslNas.Torch.Nn;

namespace DslNas.Methods.Bort;

/// <summary>
/// One architecture of the grid as it is trained: depth D, heads A, hidden size H (already divided by the run's
/// --hidden-divisor) and FFN width I, with its effective parameter size p (encoder layers, no embeddings) and its
/// FLOPs of one sequence, and its inference cost i (the FLOPs, or measured latency in ms, as the grid was made with).
/// </summary>
public sealed record BortCandidate(int Index, int Layers, int Heads, int Hidden, int Ffn, long Parameters, long Flops, double Inference)
{
    public string Name => $"D{Layers}-A{Heads}-H{Hidden}-I{Ffn}";

    public TransformerEncoderConfig Config(int vocabularySize, int maxLength) =>
        TransformerEncoderConfig.Uniform(vocabularySize, maxLength, Hidden, Layers, Heads, Ffn);
}
