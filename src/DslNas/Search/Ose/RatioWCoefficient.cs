namespace DslNas.Search.Ose;

/// <summary>
/// W(ξ) = (p(T) / p(ξ)) · (i(T) / i(ξ)) · (e(T) / e(ξ)): how many times smaller, faster and (inversely) less accurate
/// a candidate is than the maximum point T; W(T) = 1. The multiplicative form is the reading under which the FPTAS's
/// guarantee is stated: an error estimated within a factor (1 − ε) moves W by the same factor, so a pick within
/// ρ ≤ |1 − ε| of the maximal W follows from errors known to that precision.
/// </summary>
public sealed class RatioWCoefficient : IWCoefficient
{
    public string Name => "ratio";

    public double Score(OsePoint candidate, OsePoint maximum)
    {
        Require(candidate, "candidate");
        Require(maximum, "maximum point");
        return maximum.Parameters / candidate.Parameters * (maximum.Inference / candidate.Inference) * (maximum.Error / candidate.Error);
    }

    private static void Require(OsePoint point, string what)
    {
        if (!(point.Parameters > 0) || !(point.Inference > 0) || !(point.Error > 0) || !double.IsFinite(point.Parameters + point.Inference + point.Error))
            throw new ArgumentOutOfRangeException(nameof(point), point, $"the {what}'s parameters, inference cost and error must be positive and finite");
    }
}
