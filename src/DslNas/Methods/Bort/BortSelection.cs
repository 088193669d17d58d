using DslNas.Artifacts;
using DslNas.Search.Ose;

namespace DslNas.Methods.Bort;

/// <summary>A trained candidate's error and how long its distillation took (a line of errors.jsonl).</summary>
public sealed record CandidateError(int Index, double Error, double Seconds);

/// <summary>
/// selection.json: the W-coefficient and ε used, the maximum point with the teacher's error, the FPTAS's selection and
/// the seconds its trainings took; with --exhaustive, the exhaustive selection, its seconds, and the ratio of the
/// FPTAS pick's W to the maximal W.
/// </summary>
public sealed record BortSelection(string WCoefficient, double Epsilon, OsePoint Maximum, OseSelection Fptas, double FptasSeconds,
    OseSelection? Exhaustive, double? ExhaustiveSeconds)
{
    public double? Ratio => Exhaustive is null ? null : Fptas.ChosenW / Exhaustive.ChosenW;

    public bool? WithinGuarantee => Ratio is { } ratio ? ratio >= 1 - Epsilon : null;

    public void Save(string path) => JsonArtifact.Save(path, this);

    public static BortSelection Load(string path) => JsonArtifact.Load<BortSelection>(path, "Bort selection", "the search stage has not run");
}
