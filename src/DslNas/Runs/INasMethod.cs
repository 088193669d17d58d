namespace DslNas.Runs;

/// <summary>
/// A search method: the stages it runs, in order, and the spaces it accepts. Implementations are marked
/// <see cref="NasMethodAttribute"/> and need a public parameterless constructor; the run engine resolves options,
/// checks the space before any work starts, runs the stages (each resumable) and hands them a <see cref="RunContext"/>.
/// </summary>
public interface INasMethod
{
    /// <summary>The stages, in the order a whole run executes them.</summary>
    IReadOnlyList<MethodStage> Stages { get; }

    /// <summary>Null when the method can search <paramref name="space"/>; otherwise one line naming what the space lacks.</summary>
    string? Rejects(SearchSpaceDescriptor space);

    /// <summary>Whether finalize writes the scores of the models it compares (scores.json), which --seeds summarises over seeds.</summary>
    bool ScoresModels => true;

    /// <summary>The method's own defaults for settings whose library default does not suit it (<see cref="MethodDefault"/>).</summary>
    IReadOnlyList<MethodDefault> Defaults => [];
}
