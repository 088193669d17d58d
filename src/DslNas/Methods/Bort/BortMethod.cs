using DslNas.Runs;

namespace DslNas.Methods.Bort;

/// <summary>
/// Bort (de Wynter and Perry 2020): optimal subarchitecture extraction over a grid of depth, heads, hidden size and FFN
/// width. p and i in closed form (or i measured); e from brief pre-training of a candidate by distillation from the
/// teacher; the FPTAS (de Wynter 2020) trains only the candidates it needs to pick the maximiser of the W-coefficient
/// within 1 − ε (with --exhaustive, every candidate too, to compare); the pick and the largest architecture are then
/// distilled longer and fine-tuned plainly and with Agora, side by side. Accepts spaces with one [Layers], [Heads],
/// [Hidden] and [FfnSize] value for the whole encoder.
/// </summary>
[NasMethod("bort", Summary = "Bort (de Wynter and Perry 2020): FPTAS over the depth/heads/hidden/FFN grid by the W-coefficient, distillation, Agora fine-tuning")]
public sealed class BortMethod : INasMethod
{
    /// <summary>Bort's final.json compares plain and Agora fine-tuning of two architectures, without validation scores to summarise.</summary>
    public bool ScoresModels => false;

    public IReadOnlyList<MethodStage> Stages { get; } =
    [
        DataStage.Stage,
        TeacherStage.For(MaximumPointShape),
        new("grid", "p and i of every candidate; check the AB^nC property", StageScope.Search, BortGridStage.Run),
        new("search", "the FPTAS over the grid by the W-coefficient (with --exhaustive, every candidate too)", StageScope.Search, BortSearchStage.Run),
        new("finalize", "distil the pick and the largest longer; fine-tune both plainly and with Agora; test and measure", StageScope.Search, BortFinalStage.Run),
        new("report", "write report.md and w-grid.svg", StageScope.Search, BortReport.Run),
    ];

    public string? Rejects(SearchSpaceDescriptor space) => BortGrid.Rejects(space);

    /// <summary>The teacher is the grid's maximum point, at the run's hidden-size divisor.</summary>
    private static Torch.Nn.TransformerEncoderConfig MaximumPointShape(RunContext context)
    {
        var candidates = BortGrid.Enumerate(context.Space.Engine, context.Options.Bort.HiddenDivisor, context.Options.Data.MaxLength);
        return candidates[BortGrid.MaximumOf(candidates)].Config(context.Data.Vocabulary.Count, context.Options.Data.MaxLength);
    }
}
