using System.Text.RegularExpressions;
using DslNas.Artifacts;
using DslNas.Distributed;
using DslNas.Torch;

namespace DslNas.Runs;

/// <summary>
/// Opens a run: resolves the options once against the saved run (an explicitly given setting that disagrees with it
/// is an error, an overridable one changes it with --override, a search setting selects or starts a search record),
/// checks that the method exists and accepts the space, and only then writes anything to the run directory. The run
/// directory is locked (<see cref="RunLock"/>) for as long as the session is open: one process writes it at a time.
/// </summary>
public static partial class RunEngine
{
    public const string MainSearch = "main";

    public static RunSession Open(RunRequest request, IRunEvents events) => Open(request, events, DistributedWorld.Single);

    /// <summary>
    /// Opens the run as one rank of <paramref name="world"/>: rank 0 opens it (and writes what a new run writes); the
    /// others open it once rank 0 has, and write nothing.
    /// </summary>
    public static RunSession Open(RunRequest request, IRunEvents events, DistributedWorld world)
    {
        if (world.IsLeader)
        {
            var session = OpenAs(request, events, world);
            world.Signal("opened");
            return session;
        }
        world.WaitForLeader("opened", "opening the run");
        return OpenAs(request, events, world);
    }

    private static RunSession OpenAs(RunRequest request, IRunEvents events, DistributedWorld world)
    {
        var directory = new RunDirectory(request.RunDirectory);
        // An existing directory is locked before its saved options are read; a new one only once the request is valid.
        // Rank 0 holds the lock for every rank of a distributed run.
        var held = world.IsLeader && Directory.Exists(directory.Path) ? RunLock.Acquire(directory) : null;
        try
        {
            return Open(request, events, world, directory, ref held);
        }
        catch
        {
            held?.Dispose();
            throw;
        }
    }

    private static RunSession Open(RunRequest request, IRunEvents events, DistributedWorld world, RunDirectory directory, ref RunLock? held)
    {
        var saved = directory.Exists ? RunOptions.Load(directory.Options) : null;
        var (options, overrides) = saved is null ? (request.Options, new List<string>()) : Reconcile(saved, request, directory);
        var method = Lookup(() => MethodCatalog.Get(options.Method));
        var space = Lookup(() => SpaceCatalog.Get(options.Space));
        var instance = method.Create();
        IReadOnlyList<string> defaults = [];
        if (saved is null && request.MethodDefaults) (options, defaults) = MethodDefault.Apply(method.Name, instance, options, request.Given);
        if (instance.Rejects(space) is { } reason)
            throw new RunInputException($"method '{method.Name}' does not accept space '{space.Name}': {reason}");
        options.Validate();
        if (request.SearchName is { } name && !SearchNamePattern().IsMatch(name))
            throw new RunInputException($"--search '{name}' is not a valid search name: use lower-case letters, digits and dashes");
        var (search, searchOptions) = SelectSearch(directory, options, request);

        if (world.IsLeader)
        {
            held ??= RunLock.Acquire(directory);
            directory.Create();
            if (saved is null || overrides.Count > 0) AtomicFile.WriteAllText(directory.Options, options.ToJson());
            if (!search.Exists)
            {
                search.Create();
                searchOptions.Save(search.Options);
            }
        }
        var context = new RunContext(space, options, directory, search, searchOptions, events, request.IgnoreHealth, world);
        if (held?.Stale is { } stale) context.Log($"recovered the lock of {directory.Path} left by {stale}, which ended without releasing it");
        foreach (var line in defaults.Concat(overrides)) context.Log(line);
        if (options.Precision == MatmulPrecision.BFloat16)
            context.Log($"matrix products in bfloat16 ({BFloat16Support.NativeInstructions ?? "emulated: this CPU has no native bfloat16, so float32 is faster"}) for training and scoring; latency and standalone models' test figures in float32 (--precision float32 for float32 throughout)");
        return new RunSession(method, instance, context, held);
    }

    private static T Lookup<T>(Func<T> find)
    {
        try
        {
            return find();
        }
        catch (KeyNotFoundException e)
        {
            throw new RunInputException(e.Message);
        }
    }

    private static (RunOptions Options, List<string> Overrides) Reconcile(RunOptions saved, RunRequest request, RunDirectory directory)
    {
        var options = saved;
        foreach (var setting in RunSettings.All.Where(s => s.Scope == SettingScope.Launch))
            options = setting.Set(options, setting.Get(request.Options));
        var overrides = new List<string>();
        foreach (var setting in RunSettings.All.Where(s => request.Given.Contains(s.Name)))
        {
            if (Equals(setting.Get(saved), setting.Get(request.Options))) continue;
            var (asked, had) = (setting.Format(request.Options), setting.Format(saved));
            switch (setting.Scope)
            {
                case SettingScope.Identity:
                    throw new RunInputException($"the run directory {directory.Path} belongs to {setting.Name} '{had}', not '{asked}'; use another --run directory");
                case SettingScope.Fixed:
                    throw new RunInputException($"{setting.Flag} {asked} disagrees with the run in {directory.Path}, saved with {setting.Flag} {had}; " +
                                                "start a new run with another --run directory");
                case SettingScope.Overridable when !request.Override:
                    throw new RunInputException($"{setting.Flag} {asked} disagrees with the run in {directory.Path}, saved with {setting.Flag} {had}; " +
                                                "pass --override to change it, or start a new run with another --run directory");
                case SettingScope.Overridable:
                    options = setting.Set(options, setting.Get(request.Options));
                    overrides.Add($"override: {setting.Flag} {had} -> {asked}");
                    break;
            }
        }
        return (options, overrides);
    }

    /// <summary>
    /// The search record to work on: the named one; else, when no search setting was given, the main one; else the
    /// record asked for with the same options, or a new one (the trained supernet is searched again, not retrained).
    /// </summary>
    private static (SearchRecord Record, SearchRecordOptions Options) SelectSearch(RunDirectory directory, RunOptions options, RunRequest request)
    {
        var searchGiven = RunSettings.All.Any(s => s.Scope == SettingScope.Search && request.Given.Contains(s.Name));
        var wanted = options;
        foreach (var setting in RunSettings.All.Where(s => s.Scope == SettingScope.Search && request.Given.Contains(s.Name)))
            wanted = setting.Set(wanted, setting.Get(request.Options));
        if (request.Given.Contains("latency-fraction"))
        {
            if (request.Given.Contains("latency-budget"))
                throw new RunInputException("give the latency budget either in ms (--latency-budget) or as a fraction of the largest architecture's (--latency-fraction), not both");
            wanted = wanted with { Search = wanted.Search with { MaxLatencyMs = null } };
        }
        wanted.Search.Validate();
        wanted.Latency.Validate();
        var asked = new SearchRecordOptions(wanted.Search, wanted.Latency);

        if (request.SearchName is { } name)
        {
            var named = directory.Search(name);
            if (!named.Exists) return (named, asked);
            var existing = SearchRecordOptions.Load(named.Options);
            if (searchGiven && !existing.SameRequest(asked))
                throw new RunInputException($"the search '{name}' in {directory.Path} was made with other search options; name a new search with --search");
            return (named, existing);
        }
        var names = directory.SearchNames();
        if (!searchGiven)
        {
            var main = directory.Search(MainSearch);
            return (main, main.Exists ? SearchRecordOptions.Load(main.Options) : asked);
        }
        foreach (var existingName in names)
        {
            var record = directory.Search(existingName);
            var existing = SearchRecordOptions.Load(record.Options);
            if (existing.SameRequest(asked)) return (record, existing);
        }
        if (!names.Contains(MainSearch)) return (directory.Search(MainSearch), asked);
        var next = Enumerable.Range(2, int.MaxValue - 2).Select(i => $"search-{i}").First(n => !names.Contains(n) && !directory.Search(n).Exists);
        return (directory.Search(next), asked);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex SearchNamePattern();
}
