using DslNas.Runs;

namespace DslNas.Methods.NasBert;

/// <summary>NAS-BERT's stages after the data and the teacher.</summary>
public static class NasBertStages
{
    public static MethodStage Train { get; } = new("train",
        "block-wise distillation from the teacher, a path per block per step, with progressive shrinking in parameter bins", StageScope.Run, BlockwiseTraining.Run);

    public static MethodStage Search { get; } = new("search",
        "rank the survivors' combinations by summed block loss; per budget, evaluate the top k whole and choose", StageScope.Search, BudgetSelection.Run);

    public static MethodStage Finalize { get; } = new("finalize",
        "distil and fine-tune the chosen models and uniform BERT-style models of the same budgets; score them on test", StageScope.Search, FinalModels.Run);

    public static MethodStage Report { get; } = new("report", "write report.md with the pruning curve and the final table", StageScope.Search, NasBertReport.Run);
}
