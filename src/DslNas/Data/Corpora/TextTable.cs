using System.Text;
using System.Text.Json;

namespace DslNas.Data.Corpora;

/// <summary>
/// Reads a user's dataset from TSV, CSV (RFC 4180 quoting) or JSON lines, with the text and label columns named by
/// options: TSV and CSV take them from the header row, JSON lines from each object's fields.
/// </summary>
public static class TextTable
{
    public static TextTableFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".tsv" => TextTableFormat.Tsv,
        ".csv" => TextTableFormat.Csv,
        ".jsonl" or ".ndjson" => TextTableFormat.Jsonl,
        var other => throw new ArgumentException($"{path}: cannot tell the format from '{other}'; use .tsv, .csv or .jsonl, or name the format"),
    };

    /// <summary>Labelled examples; with <paramref name="labels"/>, any other label is an error.</summary>
    public static List<LabelledExample> Labelled(string path, string textColumn, string labelColumn, TextTableFormat? format = null, IReadOnlyCollection<string>? labels = null)
    {
        var examples = new List<LabelledExample>();
        foreach (var (line, row) in Rows(path, format ?? FormatOf(path), [textColumn, labelColumn]))
        {
            var label = row[labelColumn];
            if (labels is not null && !labels.Contains(label))
                throw new InvalidDataException($"{path}, line {line}: unknown label '{label}'; expected one of {string.Join(", ", labels)}");
            examples.Add(new LabelledExample(row[textColumn], label));
        }
        return examples.Count > 0 ? examples : throw new InvalidDataException($"{path}: no examples");
    }

    /// <summary>Texts only, for masked-language-model training.</summary>
    public static List<string> Unlabelled(string path, string textColumn, TextTableFormat? format = null)
    {
        var texts = Rows(path, format ?? FormatOf(path), [textColumn]).Select(r => r.Row[textColumn]).ToList();
        return texts.Count > 0 ? texts : throw new InvalidDataException($"{path}: no texts");
    }

    private static IEnumerable<(int Line, Dictionary<string, string> Row)> Rows(string path, TextTableFormat format, string[] columns)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: the data file does not exist", path);
        string content;
        try
        {
            content = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"{path}: invalid UTF-8 at byte {e.Index}", e);
        }
        if (content.Length > 0 && content[0] == '\uFEFF') content = content[1..];
        return format == TextTableFormat.Jsonl ? JsonRows(path, content, columns) : DelimitedRows(path, content, format == TextTableFormat.Tsv ? '\t' : ',', columns);
    }

    private static IEnumerable<(int, Dictionary<string, string>)> JsonRows(string path, string content, string[] columns)
    {
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].TrimEnd('\r');
            if (text.Trim().Length == 0) continue;
            JsonElement element;
            try
            {
                element = JsonDocument.Parse(text).RootElement;
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}, line {i + 1}: not valid JSON: {e.Message}", e);
            }
            if (element.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{path}, line {i + 1}: expected a JSON object");
            var row = new Dictionary<string, string>();
            foreach (var column in columns)
            {
                if (!element.TryGetProperty(column, out var value))
                    throw new InvalidDataException($"{path}, line {i + 1}: no field '{column}' (fields: {string.Join(", ", element.EnumerateObject().Select(p => p.Name))})");
                row[column] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            }
            yield return (i + 1, row);
        }
    }

    private static IEnumerable<(int, Dictionary<string, string>)> DelimitedRows(string path, string content, char delimiter, string[] columns)
    {
        using var records = Records(path, content, delimiter).GetEnumerator();
        if (!records.MoveNext()) throw new InvalidDataException($"{path}: the file is empty; expected a header row naming {string.Join(", ", columns)}");
        var header = records.Current.Fields;
        var positions = columns.ToDictionary(c => c, c => Array.IndexOf(header, c));
        foreach (var (column, position) in positions)
            if (position < 0) throw new InvalidDataException($"{path}: no column '{column}' in the header (columns: {string.Join(", ", header)})");
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.Length == 1 && fields[0].Length == 0) continue;
            if (fields.Length != header.Length)
                throw new InvalidDataException($"{path}, line {line}: {fields.Length} fields but the header has {header.Length}");
            yield return (line, positions.ToDictionary(p => p.Key, p => fields[p.Value]));
        }
    }

    private static IEnumerable<(int Line, string[] Fields)> Records(string path, string content, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var closed = false;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < content.Length && content[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; closed = true; }
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            if (delimiter == ',' && closed && c != delimiter && c != '\n' && c != '\r')
                throw new InvalidDataException($"{path}, line {line}: text after the closing quote of a quoted field; quote the whole field and double the quotes inside it");
            if (delimiter == ',' && c == '"' && field.Length > 0)
                throw new InvalidDataException($"{path}, line {line}: a quote inside an unquoted field; quote the whole field and double the quotes inside it");
            closed = false;
            if (c == '"' && field.Length == 0 && delimiter == ',') quoted = true;
            else if (c == delimiter) { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                yield return (recordLine, fields.ToArray());
                fields.Clear();
                recordLine = ++line;
            }
            else field.Append(c);
        }
        if (quoted) throw new InvalidDataException($"{path}, line {recordLine}: a quoted field is never closed");
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString().TrimEnd('\r'));
            yield return (recordLine, fields.ToArray());
        }
    }
}
