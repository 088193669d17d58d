using System.Text;
using DslNas.Data.Corpora;

namespace DslNas.Tests.Data;

public sealed class TextTableTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-tables").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Tsv_csv_and_jsonl_read_the_named_columns()
    {
        var tsv = TextTable.Labelled(Write("a.tsv", "id\tbody\tclass\n1\thello there\tham\n2\tbuy now\tspam\n"), "body", "class");
        var csv = TextTable.Labelled(Write("a.csv", "body,class\r\n\"hello, \"\"quoted\"\"\nworld\",ham\r\nbuy now,spam\r\n"), "body", "class");
        var jsonl = TextTable.Labelled(Write("a.jsonl", "{\"body\": \"hello\", \"class\": \"ham\"}\n\n{\"body\": \"buy\", \"class\": 1}\n"), "body", "class");
        tsv.Should().Equal(new LabelledExample("hello there", "ham"), new LabelledExample("buy now", "spam"));
        csv.Should().Equal(new LabelledExample("hello, \"quoted\"\nworld", "ham"), new LabelledExample("buy now", "spam"));
        jsonl.Should().Equal(new LabelledExample("hello", "ham"), new LabelledExample("buy", "1"));
        TextTable.Unlabelled(Write("b.csv", "body\nfirst\nsecond\n"), "body").Should().Equal("first", "second");
    }

    [Fact]
    public void A_missing_column_names_the_columns_there_are()
    {
        var path = Write("c.csv", "text,label\nx,y\n");
        FluentActions.Invoking(() => TextTable.Labelled(path, "body", "label")).Should().Throw<InvalidDataException>()
            .WithMessage("*c.csv*no column 'body'*columns: text, label*");
        FluentActions.Invoking(() => TextTable.Labelled(Write("d.jsonl", "{\"text\": \"x\"}\n"), "text", "label")).Should().Throw<InvalidDataException>()
            .WithMessage("*d.jsonl, line 1*no field 'label'*");
    }

    [Fact]
    public void Malformed_rows_are_refused_with_their_line()
    {
        FluentActions.Invoking(() => TextTable.Labelled(Write("e.tsv", "text\tlabel\na\tb\nc\n"), "text", "label"))
            .Should().Throw<InvalidDataException>().WithMessage("*e.tsv, line 3*1 fields*header has 2*");
        FluentActions.Invoking(() => TextTable.Labelled(Write("f.csv", "text,label\n\"open,b\n"), "text", "label"))
            .Should().Throw<InvalidDataException>().WithMessage("*f.csv, line 2*never closed*");
        FluentActions.Invoking(() => TextTable.Labelled(Write("g.jsonl", "{\"text\": \"a\", \"label\": \"b\"}\n{broken\n"), "text", "label"))
            .Should().Throw<InvalidDataException>().WithMessage("*g.jsonl, line 2*not valid JSON*");
    }

    [Fact]
    public void Unknown_labels_empty_files_and_invalid_utf8_are_refused()
    {
        FluentActions.Invoking(() => TextTable.Labelled(Write("h.tsv", "text\tlabel\na\tmaybe\n"), "text", "label", labels: ["ham", "spam"]))
            .Should().Throw<InvalidDataException>().WithMessage("*h.tsv, line 2*unknown label 'maybe'*ham, spam*");
        FluentActions.Invoking(() => TextTable.Labelled(Write("i.tsv", "text\tlabel\n"), "text", "label"))
            .Should().Throw<InvalidDataException>().WithMessage("*i.tsv*no examples*");
        FluentActions.Invoking(() => TextTable.Labelled(Write("j.tsv", ""), "text", "label"))
            .Should().Throw<InvalidDataException>().WithMessage("*j.tsv*empty*header*");
        var bad = Path.Combine(directory, "k.tsv");
        File.WriteAllBytes(bad, Encoding.UTF8.GetBytes("text\tlabel\n").Concat(new byte[] { 0xFF, 0xFE, 0x09, 0x61, 0x0A }).ToArray());
        FluentActions.Invoking(() => TextTable.Labelled(bad, "text", "label")).Should().Throw<InvalidDataException>().WithMessage("*k.tsv*invalid UTF-8*");
        FluentActions.Invoking(() => TextTable.Labelled(Path.Combine(directory, "none.tsv"), "text", "label")).Should().Throw<FileNotFoundException>();
        FluentActions.Invoking(() => TextTable.FormatOf("data.parquet")).Should().Throw<ArgumentException>().WithMessage("*.parquet*.tsv, .csv or .jsonl*");
    }
}
