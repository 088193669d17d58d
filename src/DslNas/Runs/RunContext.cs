using System.Diagnostics;
using DslNas.Distributed;
using DslNas.Hardware;

namespace DslNas.Runs;

/// <summary>
/// What a stage works with: the space, the resolved options (the search record's own for search stages), the run
/// directory and current search record, the data, events to report through, and artifacts already loaded in this
/// process (a trained supernet is loaded once and shared by the stages that follow).
/// </summary>
public sealed class RunContext : IDisposable
{
    private readonly Dictionary<string, object> loaded = new(StringComparer.Ordinal);
    private RunData? data;

    internal RunContext(SearchSpaceDescriptor space, RunOptions options, RunDirectory directory, SearchRecord search,
        SearchRecordOptions searchOptions, IRunEvents events, bool ignoreHealth, DistributedWorld world)
    {
        World = world;
        Space = space;
        RunOptions = options;
        Directory = directory;
        Search = search;
        SearchOptions = searchOptions;
        Events = events;
        IgnoreHealth = ignoreHealth;
    }

    public SearchSpaceDescriptor Space { get; }

    /// <summary>The run's options as saved in run.json.</summary>
    public RunOptions RunOptions { get; }

    /// <summary>The current search record's options, with its budget once resolved.</summary>
    public SearchRecordOptions SearchOptions { get; private set; }

    /// <summary>The options in force: the run's, with the current search's search and latency options.</summary>
    public RunOptions Options => RunOptions with { Search = SearchOptions.Search, Latency = SearchOptions.Latency };

    public RunDirectory Directory { get; }
    public SearchRecord Search { get; }
    public IRunEvents Events { get; }
    public bool IgnoreHealth { get; }

    /// <summary>The ranks this run is spread over; rank 0 alone writes the run's files.</summary>
    public DistributedWorld World { get; }

    /// <summary>The data stage's product; loading it is the data stage's work.</summary>
    public RunData Data => data ?? throw new InvalidOperationException("the data stage has not run in this process");

    public LatencyMeter LatencyMeter => Options.Latency.Meter(Options.Data.MaxLength);

    internal void SetData(RunData value) => data = value;

    /// <summary>
    /// The search's resolved budget, with the meter settings it was resolved with (a record written before they were
    /// kept is taken to have today's) and the fraction of the largest architecture's latency it was set as, if so.
    /// </summary>
    public LatencyBudget? Budget => SearchOptions.BudgetMs is { } ms
        ? new LatencyBudget(ms, SearchOptions.BudgetSettings ?? LatencyMeter.Settings, Options.Search.MaxLatencyMs is null ? Options.Latency.BudgetFraction : null)
        : null;

    /// <summary>Writes the search record's options with its resolved budget and the meter settings it was resolved with (once).</summary>
    public void ResolveBudget(double budgetMs, LatencyMeterSettings settings)
    {
        SearchOptions = SearchOptions with { BudgetMs = budgetMs, BudgetSettings = settings };
        if (!World.IsLeader) return;
        Search.Create();
        SearchOptions.Save(Search.Options);
    }

    public void Log(string line)
    {
        if (World.IsLeader) Directory.AppendLog(line);
        Events.Log(line);
    }

    /// <summary>An artifact loaded once per process (e.g. the trained supernet), disposed with the context.</summary>
    public T Loaded<T>(string key, Func<T> load) where T : class
    {
        if (loaded.TryGetValue(key, out var value)) return (T)value;
        var created = load();
        loaded[key] = created;
        return created;
    }

    /// <summary>Replaces a loaded artifact (disposing the old one), after a stage produced it anew.</summary>
    public void Keep<T>(string key, T value) where T : class
    {
        if (loaded.TryGetValue(key, out var old) && !ReferenceEquals(old, value) && old is IDisposable disposable) disposable.Dispose();
        loaded[key] = value;
    }

    /// <summary>Runs timed work, logging how long it took.</summary>
    public T Timed<T>(string what, Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        var result = work();
        Log($"{what}: {clock.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    public void Dispose()
    {
        foreach (var value in loaded.Values.OfType<IDisposable>()) value.Dispose();
        loaded.Clear();
    }
}
