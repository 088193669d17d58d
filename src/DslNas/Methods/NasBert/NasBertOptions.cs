namespace DslNas.Methods.NasBert;

/// <summary>
/// NAS-BERT's own settings, scaled down from the paper's (docs/nas-bert.md gives both and why): per block, candidate
/// paths fall into <see cref="Bins"/> bins by parameter count; after one warm-up round, every
/// <see cref="ShrinkEvery"/> training steps each bin draws up to <see cref="ShrinkSample"/> of its paths, scores them
/// by block-wise loss on <see cref="DevBatches"/> held-out batches and drops the worse half, until
/// <see cref="KeepPerBin"/> remain in every bin. Each parameter budget of <see cref="Budgets"/> keeps the
/// <see cref="TopK"/> best combinations by summed block loss for a closer look; the chosen models and uniform
/// baselines are distilled from the teacher for <see cref="DistillSteps"/> steps before fine-tuning. Both models of a
/// budget have embeddings of the same width E (the paper's Table 10): <see cref="EmbeddingWidth"/>, or with 0 the
/// smaller of their first hidden sizes; a model whose first layer is wider maps the embeddings up to it.
/// </summary>
public sealed record NasBertOptions(
    int Bins = 5,
    int ShrinkEvery = 40,
    int ShrinkSample = 200,
    int KeepPerBin = 5,
    int DevBatches = 2,
    int TopK = 4,
    string Budgets = "50%,25%,10%",
    int DistillSteps = 200,
    int EmbeddingWidth = 0)
{
    public void Validate()
    {
        if (Bins < 1) throw new ArgumentException($"--bins must be positive, got {Bins}");
        if (ShrinkEvery < 1) throw new ArgumentException($"--shrink-every must be positive, got {ShrinkEvery}");
        if (ShrinkSample < 2) throw new ArgumentException($"--shrink-sample must be at least 2 (half of it is dropped), got {ShrinkSample}");
        if (KeepPerBin < 1) throw new ArgumentException($"--keep-per-bin must be positive, got {KeepPerBin}");
        if (DevBatches < 1) throw new ArgumentException($"--dev-batches must be positive, got {DevBatches}");
        if (TopK < 1) throw new ArgumentException($"--top-k must be positive, got {TopK}");
        if (DistillSteps < 0) throw new ArgumentException($"--distill-steps must not be negative, got {DistillSteps}");
        if (EmbeddingWidth < 0) throw new ArgumentException($"--embedding-width must not be negative (0: the smaller first hidden size of a budget's two models), got {EmbeddingWidth}");
        ParameterBudgets.Parse(Budgets);
    }
}
