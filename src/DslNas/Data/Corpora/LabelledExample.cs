namespace DslNas.Data.Corpora;

/// <summary>One text with its label.</summary>
public sealed record LabelledExample(string Text, string Label);
