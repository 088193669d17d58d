using DslNas.Artifacts;
using DslNas.Search;

namespace DslNas.Runs;

/// <summary>
/// choice.json: the architecture a search chose (as JSON and genes), its metrics with the shared weights on the
/// search split, its accuracy with the shared weights on validation (what it was chosen by), and the budget it met.
/// </summary>
public sealed record Choice(string Architecture, int[] Code, Metrics Metrics, double ValidationAccuracy, double BudgetMs)
{
    public void Save(string path) => JsonArtifact.Save(path, this);

    public static Choice Load(string path) => JsonArtifact.Load<Choice>(path, "choice", "the search has chosen nothing yet; run 'choose' first");
}
