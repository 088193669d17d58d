namespace DslNas.Search.Lengths;

/// <summary>
/// The Length-Adaptive Transformer's evolutionary search (Kim and Cho 2021, official code's evolution.py): per iteration,
/// <see cref="Mutations"/> successful mutations (each layer mutates with <see cref="MutationProbability"/>) and
/// <see cref="Crossovers"/> successful crossovers, for <see cref="Iterations"/> iterations. The paper's commands use
/// 30 iterations, 30 mutations, 30 crossovers and 20 initial constant-rate genes; the defaults here are the
/// scaled-down 10 / 10 / 10 (and a population of 10) that a 2-core CPU affords, since every new gene costs one pass
/// over the search split.
/// </summary>
public sealed record LengthSearchOptions(int Iterations = 10, int Mutations = 10, double MutationProbability = 0.5, int Crossovers = 10)
{
    public void Validate()
    {
        if (Iterations < 0) throw new ArgumentException($"--iterations must not be negative, got {Iterations}");
        if (Mutations < 0) throw new ArgumentException($"--mutations must not be negative, got {Mutations}");
        if (Crossovers < 0) throw new ArgumentException($"--crossovers must not be negative, got {Crossovers}");
        if (MutationProbability is < 0 or > 1) throw new ArgumentException($"--mutation-prob must lie in [0, 1], got {MutationProbability}");
    }
}
