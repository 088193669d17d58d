namespace DslNas.Nn;

/// <summary>
/// Where each sub-layer's layer normalization sits. <see cref="Post"/>: x = LN(x + f(x)), as BERT. <see cref="Pre"/>:
/// x = x + f(LN(x)), with one more layer norm after the last layer (Xiong et al. 2020: no learning-rate warmup needed,
/// gradients of similar size in every layer).
/// </summary>
public enum LayerNormPlacement
{
    Post,
    Pre,
}
