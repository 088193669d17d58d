using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DslNas.Data.Corpora;

/// <summary>Train, validation and test examples with a fixed label order; saved as gzip-compressed JSON lines.</summary>
public sealed class DatasetSplits
{
    public DatasetSplits(string name, IReadOnlyList<LabelledExample> train, IReadOnlyList<LabelledExample> validation, IReadOnlyList<LabelledExample> test)
    {
        if (train.Count == 0) throw new InvalidDataException($"{name}: the training split is empty");
        if (validation.Count == 0) throw new InvalidDataException($"{name}: the validation split is empty");
        if (test.Count == 0) throw new InvalidDataException($"{name}: the test split is empty");
        Name = name;
        Train = train;
        Validation = validation;
        Test = test;
        Labels = train.Select(e => e.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        foreach (var (split, examples) in new[] { ("validation", validation), ("test", test) })
        {
            var unknown = examples.Select(e => e.Label).FirstOrDefault(l => !Labels.Contains(l));
            if (unknown is not null)
                throw new InvalidDataException($"{name}: the {split} split has the label '{unknown}', which the training split never uses (labels: {string.Join(", ", Labels)})");
        }
    }

    public string Name { get; }
    public IReadOnlyList<LabelledExample> Train { get; }
    public IReadOnlyList<LabelledExample> Validation { get; }
    public IReadOnlyList<LabelledExample> Test { get; }

    /// <summary>Labels in ordinal order; a label's class index is its position here.</summary>
    public IReadOnlyList<string> Labels { get; }

    public int LabelIndex(string label)
    {
        for (var i = 0; i < Labels.Count; i++)
            if (Labels[i] == label) return i;
        throw new KeyNotFoundException($"{Name}: unknown label '{label}' (labels: {string.Join(", ", Labels)})");
    }

    /// <summary>Splits examples per label, deterministically for a seed, so every split keeps the label proportions.</summary>
    public static DatasetSplits Stratified(string name, IReadOnlyList<LabelledExample> examples, double validationFraction, double testFraction, int seed)
    {
        if (examples.Count == 0) throw new InvalidDataException($"{name}: there are no examples to split");
        var train = new List<LabelledExample>();
        var validation = new List<LabelledExample>();
        var test = new List<LabelledExample>();
        foreach (var group in examples.GroupBy(e => e.Label).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var shuffled = group.ToArray();
            new Random(seed).Shuffle(shuffled);
            var testCount = (int)Math.Round(shuffled.Length * testFraction);
            var validationCount = (int)Math.Round(shuffled.Length * validationFraction);
            test.AddRange(shuffled.Take(testCount));
            validation.AddRange(shuffled.Skip(testCount).Take(validationCount));
            train.AddRange(shuffled.Skip(testCount + validationCount));
        }
        var order = new Random(seed);
        var trainArray = train.ToArray();
        order.Shuffle(trainArray);
        return new DatasetSplits(name, trainArray, validation, test);
    }

    /// <summary>
    /// Splits whole sources, never their examples: every example of a source lands in the same split. Sources are
    /// shuffled per label with the seed and dealt as <see cref="Stratified"/> deals examples, except that a label keeps
    /// at least one source in training and, when it has enough, one in test and then one in validation, so small labels
    /// still reach every split (a label with one source is trained on only; with two, it also reaches test).
    /// </summary>
    public static DatasetSplits StratifiedBySource(string name, IReadOnlyList<LabelledExample> examples, double validationFraction, double testFraction, int seed)
    {
        if (examples.Count == 0) throw new InvalidDataException($"{name}: there are no examples to split");
        var unsourced = examples.FirstOrDefault(e => e.Source is null);
        if (unsourced is not null) throw new InvalidDataException($"{name}: an example labelled '{unsourced.Label}' has no source; splitting by source needs one on every example");
        var sources = examples.GroupBy(e => e.Source!).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        foreach (var (source, members) in sources)
            if (members.Select(e => e.Label).Distinct().Skip(1).Any())
                throw new InvalidDataException($"{name}: the source '{source}' has the labels {string.Join(", ", members.Select(e => e.Label).Distinct())}; a source must have one label");
        var train = new List<LabelledExample>();
        var validation = new List<LabelledExample>();
        var test = new List<LabelledExample>();
        foreach (var label in sources.GroupBy(s => s.Value[0].Label, s => s.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var shuffled = label.Order(StringComparer.Ordinal).ToArray();
            new Random(seed).Shuffle(shuffled);
            var testCount = HeldOut(shuffled.Length - 1, testFraction * shuffled.Length);
            var validationCount = HeldOut(shuffled.Length - 1 - testCount, validationFraction * shuffled.Length);
            test.AddRange(shuffled.Take(testCount).SelectMany(s => sources[s]));
            validation.AddRange(shuffled.Skip(testCount).Take(validationCount).SelectMany(s => sources[s]));
            train.AddRange(shuffled.Skip(testCount + validationCount).SelectMany(s => sources[s]));
        }
        var trainArray = train.ToArray();
        new Random(seed).Shuffle(trainArray);
        return new DatasetSplits(name, trainArray, validation, test);
    }

    private static int HeldOut(int available, double share) =>
        share <= 0 ? 0 : Math.Min(available, Math.Max(1, (int)Math.Round(share)));

    public void Save(Stream destination)
    {
        using var gzip = new GZipStream(destination, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new StreamWriter(gzip, new UTF8Encoding(false));
        foreach (var (split, examples) in new[] { ("train", Train), ("validation", Validation), ("test", Test) })
        foreach (var example in examples)
            writer.WriteLine(JsonSerializer.Serialize(new Line(split, example.Label, example.Text, example.Source), LineFormat));
    }

    public void Save(string path)
    {
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary)) Save(stream);
        File.Move(temporary, path, overwrite: true);
    }

    public static DatasetSplits Load(Stream source, string name)
    {
        var splits = new Dictionary<string, List<LabelledExample>> { ["train"] = [], ["validation"] = [], ["test"] = [] };
        using var gzip = new GZipStream(source, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, new UTF8Encoding(false, throwOnInvalidBytes: true));
        var number = 0;
        try
        {
            while (reader.ReadLine() is { } text)
            {
                number++;
                if (text.Length == 0) continue;
                Line? line;
                try
                {
                    line = JsonSerializer.Deserialize<Line>(text);
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"{name}, line {number}: not a JSON object with split, label and text: {e.Message}", e);
                }
                if (line is null || line.split is null || line.label is null || line.text is null)
                    throw new InvalidDataException($"{name}, line {number}: expected the fields split, label and text");
                if (!splits.TryGetValue(line.split, out var list))
                    throw new InvalidDataException($"{name}, line {number}: unknown split '{line.split}'; expected train, validation or test");
                list.Add(new LabelledExample(line.text, line.label, line.source));
            }
        }
        catch (Exception e) when (e is InvalidDataException or DecoderFallbackException)
        {
            throw e is InvalidDataException ? e : new InvalidDataException($"{name}, line {number + 1}: invalid UTF-8", e);
        }
        return new DatasetSplits(name, splits["train"], splits["validation"], splits["test"]);
    }

    public static DatasetSplits Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: the prepared dataset does not exist", path);
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    // A source is written only when an example has one, so sets without sources keep their format.
    private static readonly JsonSerializerOptions LineFormat = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private sealed record Line(string split, string label, string text, string? source = null);
}
