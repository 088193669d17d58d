using DslNas.Engine;
using DslNas.Runs;

namespace DslNas.Methods.NasBert;

/// <summary>
/// NAS-BERT (Xu et al. KDD 2021): the teacher split into one part per block of the space; the student supernet
/// trained block by block to reproduce it (a path per block per step) while progressive shrinking drops the worse
/// half of each parameter bin; every combination of survivors ranked by summed block loss; under each parameter
/// budget the top k evaluated whole and the best chosen; the chosen models distilled from the teacher and fine-tuned
/// next to uniform BERT-style models of the same budget trained the same way. Needs a space with [Op] and [PerBlock].
/// </summary>
[NasMethod("nas-bert", Summary = "NAS-BERT (Xu et al. 2021): block-wise distillation, progressive shrinking, performance approximation, models at several sizes")]
public sealed class NasBertMethod : INasMethod
{
    public IReadOnlyList<MethodStage> Stages { get; } =
        [DataStage.Stage, TeacherStage.Stage, NasBertStages.Train, NasBertStages.Search, NasBertStages.Finalize, NasBertStages.Report];

    /// <summary>The final models start from weights pre-trained on text alone, not a supernet's task-trained ones: they need more task steps.</summary>
    public IReadOnlyList<MethodDefault> Defaults { get; } =
    [
        MethodDefault.Of("fine-tune-steps", 400,
            "the final models and the teacher are fine-tuned from weights pre-trained on text alone; at 100 steps most barely learn sotu-era, at 400 the teacher and every uniform model do (docs/nas-bert.md)"),
    ];

    public string? Rejects(SearchSpaceDescriptor space) =>
        SpaceRequirements.Missing(space, [Role.Op, Role.Hidden], perBlock: true)
        ?? BlockCandidates.Problem(space.Engine)
        ?? UniformBertBaseline.Problem(space.Engine);
}
