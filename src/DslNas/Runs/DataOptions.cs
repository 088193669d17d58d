namespace DslNas.Runs;

/// <summary>
/// The task's data: a built-in set (split as shipped) or a TSV/CSV/JSONL file with the named text and label columns,
/// split by label with the run's seed; the WordPiece vocabulary size, tokens per text and batch size. A search split
/// of <see cref="SearchFraction"/> of the training data is held out from training: the search ranks candidates on it,
/// so that validation stays unseen until the final choice and test until the end.
/// </summary>
public sealed record DataOptions(
    string Data = "sotu-era",
    string TextColumn = "text",
    string LabelColumn = "label",
    int Vocabulary = 4000,
    int MaxLength = 64,
    int BatchSize = 16,
    double ValidationFraction = 0.1,
    double TestFraction = 0.1,
    double SearchFraction = 0.1)
{
    public void Validate()
    {
        if (Vocabulary < 10) throw new ArgumentException($"--vocabulary must be at least 10, got {Vocabulary}");
        if (MaxLength < 4) throw new ArgumentException($"--max-length must be at least 4, got {MaxLength}");
        if (BatchSize < 1) throw new ArgumentException($"--batch must be positive, got {BatchSize}");
        if (ValidationFraction <= 0 || TestFraction <= 0 || ValidationFraction + TestFraction >= 1)
            throw new ArgumentException($"the validation and test fractions must be positive and leave training data, got {ValidationFraction} and {TestFraction}");
        if (SearchFraction is <= 0 or >= 0.5) throw new ArgumentException($"--search-fraction must lie in (0, 0.5), got {SearchFraction}");
    }
}
