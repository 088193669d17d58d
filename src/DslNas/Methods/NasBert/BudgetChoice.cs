using DslNas.Artifacts;

namespace DslNas.Methods.NasBert;

/// <summary>One of the top k under a budget: its rank by summed block loss, that sum, its complete (chained) dev loss, size and latency.</summary>
public sealed record BudgetCandidate(int Rank, string Architecture, int[] Code, long Parameters, double ApproximateLoss, double CompleteLoss, double LatencyMs);

/// <summary>The architecture chosen under one parameter budget (as written and in parameters) and the candidates it was chosen from.</summary>
public sealed record BudgetChoice(string Budget, long MaxParameters, BudgetCandidate Chosen, IReadOnlyList<BudgetCandidate> Candidates);

/// <summary>
/// choices.json: the choice per budget, where latencies come from and the lookup table's median and worst relative
/// error against measured whole models, and Spearman's rho between the summed block losses and the complete
/// architectures' losses over every candidate evaluated (how well the approximation ranks).
/// </summary>
public sealed record SelectionResult(IReadOnlyList<BudgetChoice> Choices, string LatencySource, double TableMedianError, double TableWorstError, int TableChecked,
    double Spearman, int Evaluated, long Ranked)
{
    public void Save(string path) => JsonArtifact.Save(path, this);

    public static SelectionResult Load(string path) => JsonArtifact.Load<SelectionResult>(path, "NAS-BERT selection", "nothing has been selected yet; run 'search' first");
}
