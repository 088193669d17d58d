using DslNas.Data.Corpora;

namespace DslNas.Driver;

/// <summary>The built-in datasets: name, split sizes, classes and summary.</summary>
internal static class DatasetsCommand
{
    internal static int List(TextWriter output)
    {
        var width = BuiltInDatasets.All.Max(d => d.Name.Length);
        foreach (var dataset in BuiltInDatasets.All)
        {
            var splits = dataset.Load();
            output.WriteLine($"{dataset.Name.PadRight(width)}  {dataset.Summary}");
            output.WriteLine($"{"".PadRight(width)}  train {splits.Train.Count:N0}, validation {splits.Validation.Count:N0}, test {splits.Test.Count:N0}; " +
                             $"{splits.Labels.Count} classes: {string.Join(", ", splits.Labels)}");
        }
        return 0;
    }
}
