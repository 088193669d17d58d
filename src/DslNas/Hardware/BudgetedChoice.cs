namespace DslNas.Hardware;

/// <summary>
/// The choice held to its budget: candidates in order of preference are re-measured one by one, and the first whose
/// re-measured latency is within the limit is taken. <see cref="Attempts"/> keeps every re-measurement, so that a
/// report can say which preferred candidates were passed over and why.
/// </summary>
public sealed record BudgetedChoice(IReadOnlyList<RemeasuredLatency> Attempts)
{
    /// <summary>The index of the chosen candidate; null when none was within its limit.</summary>
    public int? Chosen => Attempts.Count > 0 && Attempts[^1].Within ? Attempts.Count - 1 : null;

    /// <summary>Re-measures candidates 0, 1, ... of <paramref name="count"/> until one is within its limit.</summary>
    public static BudgetedChoice FirstWithin(int count, Func<int, RemeasuredLatency> remeasure)
    {
        var attempts = new List<RemeasuredLatency>();
        for (var i = 0; i < count; i++)
        {
            attempts.Add(remeasure(i));
            if (attempts[^1].Within) break;
        }
        return new BudgetedChoice(attempts);
    }
}
