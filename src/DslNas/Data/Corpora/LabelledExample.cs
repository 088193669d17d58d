namespace DslNas.Data.Corpora;

/// <summary>
/// One text with its label and, where the text is a piece of a longer document, the document it came from
/// (<see cref="Source"/>): examples that share a source are kept in one split, so no document is seen in training and
/// scored in test.
/// </summary>
public sealed record LabelledExample(string Text, string Label, string? Source = null);
