using DslNas.Runs;

namespace DslNas.Methods.OneShot;

/// <summary>
/// Component composition (Tsai et al. 2020): one weight-sharing supernet trained once with the sandwich rule and
/// in-place distillation, searched for the front of accuracy against cost measured on this machine (NSGA-II), the most
/// accurate architecture within the budget extracted, fine-tuned and compared with the largest architecture and a
/// uniform shrink trained from scratch. Accepts any space. Its supernet puts layer norms before each operation by
/// default (pre-LN), which trained more stably than BERT's post-LN on the default run.
/// </summary>
[NasMethod("one-shot", Summary = "component composition (Tsai et al. 2020): one supernet, NSGA-II over measured latency, extract and fine-tune")]
public sealed class OneShotMethod : INasMethod
{
    public IReadOnlyList<MethodStage> Stages { get; } =
        [DataStage.Stage, TeacherStage.Stage, OneShotStages.Train, OneShotStages.Search, OneShotStages.Choose, OneShotStages.Finalize, OneShotStages.Report];

    public IReadOnlyList<MethodDefault> Defaults { get; } =
    [
        MethodDefault.Of("layer-norm", Nn.LayerNormPlacement.Pre,
            "measured on the default run, a post-LN supernet collapses at learning rate 6e-4 (every subnet predicts the majority class) where a pre-LN one " +
            "trains, and at 1.5e-4 pre-LN's health is better (largest subnet 30.89% against 29.19%, Spearman of size and accuracy 0.405 against 0.171; docs/performance.md)"),
    ];

    public string? Rejects(SearchSpaceDescriptor space) => null;
}
