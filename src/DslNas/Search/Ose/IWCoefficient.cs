namespace DslNas.Search.Ose;

/// <summary>
/// The scalar that optimal subarchitecture extraction maximises to pick one architecture out of (p, i, e) triples,
/// measured against the maximum point T (the largest architecture). The papers' exact definition could not be
/// confirmed, so it is a strategy: docs/bort.md says which reading is built and why. An implementation must not
/// increase when the error grows (p and i fixed): the FPTAS bounds W from above with a lower bound on the error.
/// </summary>
public interface IWCoefficient
{
    /// <summary>The name runs and reports record.</summary>
    string Name { get; }

    double Score(OsePoint candidate, OsePoint maximum);
}
