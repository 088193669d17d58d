using DslNas.Runs;
using Spectre.Console;

namespace DslNas.Driver;

/// <summary>Draws a run's events on the console: log lines, progress bars (or lines when redirected), and tables.</summary>
internal sealed class ConsoleRunEvents : IRunEvents
{
    public void Log(string line) => Console.WriteLine(line);

    public T Progress<T>(string description, Func<Action<int, int, string?>, T> work) => ProgressReporter.Run(description, work);

    public void Table(ResultTable table)
    {
        var drawn = new Table();
        foreach (var column in table.Columns) drawn.AddColumn(Markup.Escape(column));
        foreach (var row in table.Rows) drawn.AddRow(row.Select(Markup.Escape).ToArray());
        AnsiConsole.Write(new Rule(Markup.Escape(table.Title)));
        AnsiConsole.Write(drawn);
    }
}
