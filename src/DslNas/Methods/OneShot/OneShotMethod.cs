using DslNas.Runs;

namespace DslNas.Methods.OneShot;

/// <summary>
/// Component composition (Tsai et al. 2020): one weight-sharing supernet trained once with the sandwich rule and
/// in-place distillation, searched for the front of accuracy against cost measured on this machine (NSGA-II), the most
/// accurate architecture within the budget extracted, fine-tuned and compared with the largest architecture and a
/// uniform shrink trained from scratch. Accepts any space.
/// </summary>
[NasMethod("one-shot", Summary = "component composition (Tsai et al. 2020): one supernet, NSGA-II over measured latency, extract and fine-tune")]
public sealed class OneShotMethod : INasMethod
{
    public IReadOnlyList<MethodStage> Stages { get; } =
        [DataStage.Stage, TeacherStage.Stage, OneShotStages.Train, OneShotStages.Search, OneShotStages.Choose, OneShotStages.Finalize, OneShotStages.Report];

    public string? Rejects(SearchSpaceDescriptor space) => null;
}
