using System.Text;
using DslNas.Data.Corpora;

namespace DslNas.Tests.Data;

/// <summary>
/// Hostile data files: invalid UTF-8 and broken CSV quoting are refused naming the file, the line or byte and the fault;
/// a BOM, CRLF line ends and a line of a million characters are read as meant; the file is never changed.
/// </summary>
public sealed class TextTableHostileFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-hostile-tables").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private void ShouldBeRefused(string name, byte[] content, string fault)
    {
        var path = Write(name, content);
        FluentActions.Invoking(() => TextTable.Labelled(path, "text", "label")).Should().Throw<InvalidDataException>().WithMessage($"{path}{fault}");
        File.ReadAllBytes(path).Should().Equal(content);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Theory]
    [InlineData("a.tsv")]
    [InlineData("a.csv")]
    [InlineData("a.jsonl")]
    public void Invalid_utf8_is_refused_with_its_byte(string name)
    {
        var head = name.EndsWith(".jsonl") ? "{\"text\": \"caf" : name.EndsWith(".tsv") ? "text\tlabel\ncaf" : "text,label\ncaf";
        ShouldBeRefused(name, [.. Utf8(head), 0xE9, .. Utf8(name.EndsWith(".jsonl") ? "\", \"label\": \"x\"}\n" : name.EndsWith(".tsv") ? "\tx\n" : ",x\n")],
            $": invalid UTF-8 at byte {Utf8(head).Length}");
    }

    [Theory]
    [InlineData("text,label\n\"never closed,x\nmore,y\n", ", line 2: a quoted field is never closed")]
    [InlineData("text,label\n\"closed\"then text,x\n", ", line 2: text after the closing quote*")]
    [InlineData("text,label\nok,x\nhalf\"quoted,y\n", ", line 3: a quote inside an unquoted field*")]
    [InlineData("text,label\nok,x,extra\n", ", line 2: 3 fields but the header has 2")]
    [InlineData("body,label\nok,x\n", ": no column 'text' in the header (columns: body, label)")]
    [InlineData("", ": the file is empty*")]
    public void Broken_csv_is_refused_with_its_line(string content, string fault) => ShouldBeRefused("a.csv", Utf8(content), fault);

    [Theory]
    [InlineData("{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\", \"label\"\n", ", line 2: not valid JSON*")]
    [InlineData("{\"text\": \"a\", \"label\": \"x\"}\n[1, 2]\n", ", line 2: expected a JSON object")]
    [InlineData("{\"text\": \"a\"}\n", ", line 1: no field 'label' (fields: text)")]
    public void Broken_json_lines_are_refused_with_their_line(string content, string fault) => ShouldBeRefused("a.jsonl", Utf8(content), fault);

    [Fact]
    public void A_bom_and_crlf_line_ends_read_as_the_plain_file()
    {
        var plain = TextTable.Labelled(Write("plain.csv", Utf8("text,label\n\"a, b\",x\nc,y\n")), "text", "label");
        var windows = TextTable.Labelled(Write("windows.csv", [0xEF, 0xBB, 0xBF, .. Utf8("text,label\r\n\"a, b\",x\r\nc,y\r\n")]), "text", "label");
        var tsv = TextTable.Labelled(Write("windows.tsv", [0xEF, 0xBB, 0xBF, .. Utf8("text\tlabel\r\na, b\tx\r\nc\ty\r\n")]), "text", "label");
        var jsonl = TextTable.Labelled(Write("windows.jsonl", [0xEF, 0xBB, 0xBF, .. Utf8("{\"text\": \"a, b\", \"label\": \"x\"}\r\n{\"text\": \"c\", \"label\": \"y\"}\r\n")]), "text", "label");
        windows.Should().Equal(plain);
        tsv.Should().Equal(plain);
        jsonl.Should().Equal(plain);
        plain.Should().Equal(new LabelledExample("a, b", "x"), new LabelledExample("c", "y"));
    }

    [Fact]
    public void A_line_of_a_million_characters_is_read_whole()
    {
        var text = string.Concat(Enumerable.Repeat("word ", 200_000));
        var examples = TextTable.Labelled(Write("long.tsv", Utf8($"text\tlabel\n{text}\tx\nshort\ty\n")), "text", "label");
        examples.Should().HaveCount(2);
        examples[0].Text.Should().HaveLength(1_000_000).And.Be(text);
        examples[1].Should().Be(new LabelledExample("short", "y"));
    }
}
