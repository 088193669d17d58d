using DslNas.Torch;

namespace DslNas.Nn;

/// <summary>
/// PoWER-BERT's token selection, as the Length-Adaptive Transformer uses it: a token's significance is the attention
/// it receives, summed over heads and (real) queries; the most significant tokens are kept in their original order,
/// and the first token ([CLS]) always is.
/// </summary>
internal static class LengthReduction
{
    /// <summary>Indices [batch, keep] of the tokens to keep, ascending.</summary>
    public static Tensor Select(Tensor probabilities, Tensor keepMask, long keep)
    {
        using var scope = torch.NewDisposeScope();
        var queries = keepMask.to_type(probabilities.dtype).unsqueeze(1).unsqueeze(-1);
        var significance = probabilities.mul(queries).sum([1, 2]);
        var first = torch.zeros_like(significance);
        first.select(1, 0).fill_(double.PositiveInfinity);
        var (_, indices) = significance.add(first).topk(keep, 1, largest: true, sorted: false);
        return indices.sort(1).values.MoveToOuterDisposeScope();
    }

    /// <summary>Rows of x [batch, seq, ...] at indices [batch, keep].</summary>
    public static Tensor Gather(Tensor x, Tensor indices)
    {
        using var scope = torch.NewDisposeScope();
        if (x.ndim == 2) return x.gather(1, indices).MoveToOuterDisposeScope();
        var expanded = indices.unsqueeze(-1).expand(indices.size(0), indices.size(1), x.size(-1));
        return x.gather(1, expanded).MoveToOuterDisposeScope();
    }

    /// <summary>Drop-and-Restore: writes the kept tokens' new representations back at their original positions.</summary>
    public static Tensor Restore(Tensor buffer, Tensor x, Tensor positions)
    {
        using var scope = torch.NewDisposeScope();
        var expanded = positions.unsqueeze(-1).expand(positions.size(0), positions.size(1), x.size(-1));
        return buffer.scatter(1, expanded, x).MoveToOuterDisposeScope();
    }
}
