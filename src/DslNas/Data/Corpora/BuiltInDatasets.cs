using System.Diagnostics.CodeAnalysis;

namespace DslNas.Data.Corpora;

/// <summary>The datasets shipped inside DslNas, by name.</summary>
public static class BuiltInDatasets
{
    public static IReadOnlyList<BuiltInDataset> All { get; } =
    [
        new("spam-assassin", "emails labelled ham or spam (the SpamAssassin public corpus)", SpamAssassin.PackageName,
            SpamAssassin.Shipped, (package, progress) => SpamAssassin.Prepare(package, progress: progress)),
        new(StateOfTheUnion.TaskName, $"{StateOfTheUnion.ChunkWords}-word pieces of the State of the Union addresses (1790-2021) labelled with their quarter century; split by address",
            StateOfTheUnion.PackageName, StateOfTheUnion.Shipped, (package, progress) => StateOfTheUnion.Prepare(package, progress: progress)),
    ];

    public static bool TryGet(string name, [NotNullWhen(true)] out BuiltInDataset? dataset)
    {
        dataset = All.FirstOrDefault(d => d.Name == name);
        return dataset is not null;
    }

    public static BuiltInDataset Get(string name) =>
        TryGet(name, out var dataset) ? dataset : throw new KeyNotFoundException($"unknown dataset '{name}'; built-in datasets: {string.Join(", ", All.Select(d => d.Name))}");
}
