namespace DslNas.Data.Corpora;

/// <summary>Unlabelled text for masked-language-model pre-training, drawn only from what the tasks train on.</summary>
public static class PretrainingCorpus
{
    /// <summary>
    /// The distinct training texts of every given set, in order. A training text that is also a validation or test
    /// text of any given set is left out: two tasks cut from the same documents could otherwise carry one task's
    /// held-out text into pre-training through the other's training split.
    /// </summary>
    public static IReadOnlyList<string> TrainingTexts(params DatasetSplits[] sets)
    {
        if (sets.Length == 0) throw new ArgumentException("name at least one dataset to draw pre-training text from", nameof(sets));
        var heldOut = sets.SelectMany(s => s.Validation.Concat(s.Test)).Select(e => e.Text).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return sets.SelectMany(s => s.Train).Select(e => e.Text).Where(t => !heldOut.Contains(t) && seen.Add(t)).ToList();
    }
}
