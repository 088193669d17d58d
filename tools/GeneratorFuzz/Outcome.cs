namespace DslNas.GeneratorFuzz;

/// <summary>What compiling one mutant with the DslNas generator and analyzer came to.</summary>
public enum Outcome
{
    /// <summary>No error anywhere: the generator accepted the mutant and its generated code compiles.</summary>
    Compiled,

    /// <summary>Refused with at least one error located inside the mutated declaration.</summary>
    Rejected,

    /// <summary>Refused, but every error lies elsewhere (typically in generated code): the user is not shown what to change.</summary>
    Unlocated,

    /// <summary>The generator or the analyzer threw (CS8785 or AD0001), or did not finish within the time limit.</summary>
    Crashed,
}

/// <summary>One mutant's verdict, with the errors (or the exception) that decided it.</summary>
public sealed record MutantResult(Outcome Outcome, IReadOnlyList<string> Errors);
