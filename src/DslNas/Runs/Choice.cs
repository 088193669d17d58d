using DslNas.Artifacts;
using DslNas.Search;

namespace DslNas.Runs;

/// <summary>
/// choice.json: the architecture a search chose (as JSON and genes), its metrics with the shared weights on the
/// search split, its accuracy with the shared weights on validation (what it was chosen by), the budgets it met
/// (latency in ms, FLOPs), and the re-measurements before the choice: the more accurate members passed over for
/// exceeding the budget, then the chosen one. A length search also chooses the tokens each layer keeps
/// (<see cref="Lengths"/>), which the extracted model applies at inference.
/// </summary>
public sealed record Choice(string Architecture, int[] Code, Metrics Metrics, double ValidationAccuracy, double? BudgetMs,
    IReadOnlyList<RemeasuredMember>? Remeasured = null, double? FlopsBudget = null, int[]? Lengths = null)
{
    public void Save(string path) => JsonArtifact.Save(path, this);

    public static Choice Load(string path) => JsonArtifact.Load<Choice>(path, "choice", "the search has chosen nothing yet; run 'choose' first");
}

/// <summary>A front member re-measured before the choice: its latency in the search, as re-measured, and the limit then.</summary>
public sealed record RemeasuredMember(string Architecture, double ValidationAccuracy, double SearchMs, double MeasuredMs, double LimitMs);
