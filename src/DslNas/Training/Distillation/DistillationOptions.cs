namespace DslNas.Training.Distillation;

/// <summary>
/// The weights of the distillation terms (a term with weight 0 is not computed) and the softmax temperature of the
/// logit term. Defaults weigh the three terms equally, as TinyBERT's intermediate-layer and prediction-layer losses.
/// </summary>
public sealed record DistillationOptions(
    double Temperature = 1.0,
    double LogitWeight = 1.0,
    double HiddenWeight = 1.0,
    double AttentionWeight = 1.0)
{
    public void Validate()
    {
        if (Temperature <= 0) throw new ArgumentException($"Temperature must be positive, got {Temperature}");
        if (LogitWeight < 0 || HiddenWeight < 0 || AttentionWeight < 0)
            throw new ArgumentException($"distillation weights must not be negative, got logits {LogitWeight}, hidden {HiddenWeight}, attention {AttentionWeight}");
        if (LogitWeight + HiddenWeight + AttentionWeight == 0)
            throw new ArgumentException("at least one distillation weight (LogitWeight, HiddenWeight, AttentionWeight) must be positive");
    }
}
