namespace DslNas.Runs;

/// <summary>
/// The bort method's options: the FPTAS's <see cref="Epsilon"/> (the pick's W is within a factor 1 − ε of the grid's
/// maximum); <see cref="Exhaustive"/> to train every candidate as well and compare; <see cref="HiddenDivisor"/>, which
/// divides the grid's hidden sizes (and so the maximum point's and the teacher's) so that the grid trains on a small
/// machine while keeping its depths, heads and FFN widths; the distillation steps of every candidate and of the final
/// models; and how many hyperparameter sets Agora starts from.
/// </summary>
public sealed record BortOptions(
    double Epsilon = 0.1,
    bool Exhaustive = false,
    int HiddenDivisor = 16,
    int CandidateSteps = 40,
    int FinalSteps = 400,
    int AgoraSets = 3)
{
    public void Validate()
    {
        if (!(Epsilon > 0 && Epsilon < 1)) throw new RunInputException($"--epsilon must lie in (0, 1), got {Epsilon}");
        if (HiddenDivisor < 1) throw new RunInputException($"--hidden-divisor must be at least 1, got {HiddenDivisor}");
        if (CandidateSteps < 1) throw new RunInputException($"--candidate-steps must be positive, got {CandidateSteps}");
        if (FinalSteps < 1) throw new RunInputException($"--final-steps must be positive, got {FinalSteps}");
        if (AgoraSets < 1) throw new RunInputException($"--agora-sets must be positive, got {AgoraSets}");
    }
}
