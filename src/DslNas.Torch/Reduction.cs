namespace DslNas.Torch;

/// <summary>How a loss reduces its per-element values (values 0..2 as at::Reduction).</summary>
public enum Reduction
{
    None = 0,
    Mean = 1,
    Sum = 2,
    /// <summary>Sum divided by the batch size (dimension 0): the mathematically correct KL divergence mean.</summary>
    BatchMean = 3,
}
