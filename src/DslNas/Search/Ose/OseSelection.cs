namespace DslNas.Search.Ose;

/// <summary>
/// One candidate the FPTAS trained, in the order it trained them: the upper bound on its W that put it next (none for an
/// exhaustive search, which trains in grid order), the error it reached, its W, and the best W after it.
/// </summary>
public sealed record FptasStep(int Order, int Candidate, double? UpperBound, double Error, double W, double BestW);

/// <summary>
/// What a selection returned: the chosen candidate and its W, every trained candidate in order, why it stopped, and
/// warnings where an assumption behind the guarantee failed (an error below the bound the search relied on).
/// </summary>
public sealed record OseSelection(int Chosen, double ChosenW, IReadOnlyList<FptasStep> Steps, string Stop, IReadOnlyList<string> Warnings)
{
    public int Trained => Steps.Count;
}
