namespace DslNas.Runs;

/// <summary>
/// What a run tells its host: log lines, progress of long work and result tables. The driver draws them (bars,
/// tables); a method or stage never writes to the console itself.
/// </summary>
public interface IRunEvents
{
    void Log(string line);

    /// <summary>Runs <paramref name="work"/>, which reports (done, total, detail) as it goes.</summary>
    T Progress<T>(string description, Func<Action<int, int, string?>, T> work);

    void Table(ResultTable table);
}

/// <summary>A table of results, drawn by the host and written into reports.</summary>
public sealed record ResultTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>Events that go nowhere but an optional log sink: for library use and tests.</summary>
public sealed class QuietRunEvents(Action<string>? log = null) : IRunEvents
{
    public void Log(string line) => log?.Invoke(line);

    public T Progress<T>(string description, Func<Action<int, int, string?>, T> work) => work((_, _, _) => { });

    public void Table(ResultTable table) { }
}
