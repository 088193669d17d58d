namespace DslNas.Data.Corpora;

/// <summary>One State of the Union address as the package records it.</summary>
internal sealed record StateOfTheUnionAddress(int Year, string President, string Party, string Text)
{
    /// <summary>Names the address in <see cref="LabelledExample.Source"/>: a year can have two addresses, by two presidents (1953, 1961).</summary>
    public string Source => $"{Year} {President}";
}
