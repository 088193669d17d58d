using DslNas.Artifacts;
using DslNas.Search;

namespace DslNas.Runs;

/// <summary>
/// choice.json: the architecture a search chose (as JSON and genes), its metrics with the shared weights on the
/// search split, its accuracy with the shared weights on validation (what it was chosen by), and the budgets it met
/// (latency in ms, FLOPs). A length search also chooses the tokens each layer keeps (<see cref="Lengths"/>), which the
/// extracted model applies at inference.
/// </summary>
public sealed record Choice(string Architecture, int[] Code, Metrics Metrics, double ValidationAccuracy, double? BudgetMs, double? FlopsBudget = null, int[]? Lengths = null)
{
    public void Save(string path) => JsonArtifact.Save(path, this);

    public static Choice Load(string path) => JsonArtifact.Load<Choice>(path, "choice", "the search has chosen nothing yet; run 'choose' first");
}
