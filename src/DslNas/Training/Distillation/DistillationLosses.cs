using DslNas.Torch;

namespace DslNas.Training.Distillation;

/// <summary>A student layer whose attention was not distilled, with the teacher layer it maps to (if any) and why.</summary>
public sealed record SkippedLayer(int StudentLayer, int? TeacherLayer, string Reason);

/// <summary>
/// The weighted total to minimise and each term unweighted: null where the term's weight is 0, or (attention) where
/// no layer could be compared; <see cref="SkippedAttention"/> says which layers were left out of the attention term and why.
/// </summary>
public sealed record DistillationLosses(Tensor Total, Tensor? Logits, Tensor? Hidden, Tensor? Attention, IReadOnlyList<SkippedLayer> SkippedAttention);
