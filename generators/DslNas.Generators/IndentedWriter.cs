using System.Text;

namespace DslNas.Generators;

/// <summary>Builds generated source line by line with braces that indent.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder text = new();
    private int depth;

    public IndentedWriter Line(string line = "")
    {
        if (line.Length > 0) text.Append(' ', depth * 4);
        text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes each line of a raw block at the current indentation.</summary>
    public IndentedWriter Block(string lines)
    {
        foreach (var line in lines.Replace("\r\n", "\n").Split('\n')) Line(line);
        return this;
    }

    public IndentedWriter Open(string line)
    {
        Line(line);
        Line("{");
        depth++;
        return this;
    }

    public IndentedWriter Close(string suffix = "")
    {
        depth--;
        Line("}" + suffix);
        return this;
    }

    public override string ToString() => text.ToString();
}
