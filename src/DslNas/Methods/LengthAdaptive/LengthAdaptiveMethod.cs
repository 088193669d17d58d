using DslNas.Engine;
using DslNas.Runs;

namespace DslNas.Methods.LengthAdaptive;

/// <summary>
/// The Length-Adaptive Transformer (Kim and Cho 2021): the run's pre-trained teacher fine-tuned once on the task with
/// LengthDrop, optional LayerDrop, the sandwich rule and in-place distillation; the paper's evolutionary search over
/// length configurations of that one model for the front of accuracy against FLOPs; any budget (FLOPs or latency)
/// then picked from the stored front without retraining; the choice scored on test, compared with constant-rate
/// length reduction and no reduction, and on a token-level task (masked-token prediction with Drop-and-Restore).
/// Accepts spaces with a per-layer [SeqLength] dimension; their other dimensions stay at the largest architecture's.
/// </summary>
[NasMethod("length-adaptive", Summary = "Length-Adaptive Transformer (Kim & Cho 2021): train once with LengthDrop, evolutionary length search, any budget from one model")]
public sealed class LengthAdaptiveMethod : INasMethod
{
    public IReadOnlyList<MethodStage> Stages { get; } =
    [
        DataStage.Stage,
        TeacherStage.Stage,
        new("train", "fine-tune the teacher once with LengthDrop, LayerDrop, the sandwich rule and in-place distillation", StageScope.Run, LengthTraining.Run),
        new("search", "the paper's evolutionary search over length configurations (accuracy against FLOPs), continuing a stored one where it can", StageScope.Search, LengthSearchStage.Run),
        new("choose", "pick the most accurate length configuration of the front within the FLOPs or latency budget", StageScope.Search, LengthChoice.Run),
        new("finalize", "score the chosen lengths, the full length and constant-rate reduction of equal FLOPs on test; write the model with its lengths", StageScope.Search, LengthFinalize.Run),
        new("compare", "the front against constant-rate reduction and no reduction on validation (accuracy, FLOPs, measured latency) and on masked-token prediction with Drop-and-Restore", StageScope.Search, LengthComparison.Run),
        new("report", "write report.md and lengths.svg", StageScope.Search, LengthReport.Run),
    ];

    public string? Rejects(SearchSpaceDescriptor space)
    {
        if (SpaceRequirements.Missing(space, [Role.SeqLength]) is { } missing) return missing;
        return space.Engine.Dimensions.Single(d => d.Role == Role.SeqLength).PerLayer
            ? null
            : "its [SeqLength] dimension is one length for every layer; the length search needs one per layer (Layered<int>)";
    }
}
