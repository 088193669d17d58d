using System.CommandLine;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Search;
using DslNas.Torch;

namespace DslNas.Driver;

/// <summary>
/// The flags of the run verbs: one per <see cref="RunSettings"/> entry (its default is the library's), plus the run
/// directory, the search record, --override and --ignore-health. Turns a parse into a <see cref="RunRequest"/> that
/// knows which settings the user gave, so a new run takes its method's own defaults for the others.
/// </summary>
internal sealed class RunFlags
{
    private readonly List<(RunSetting Setting, Option Option, Func<ParseResult, object?> Get)> settings = [];

    public RunFlags()
    {
        foreach (var setting in RunSettings.All)
            settings.Add(setting switch
            {
                RunSetting<string> s => Flag(s),
                RunSetting<int> s => Flag(s),
                RunSetting<double> s => Flag(s),
                RunSetting<double?> s => Flag(s),
                RunSetting<bool> s => Flag(s),
                RunSetting<CostObjective> s => Flag(s),
                RunSetting<LayerNormPlacement> s => Flag(s),
                RunSetting<ChosenWeights> s => Flag(s),
                RunSetting<MatmulPrecision> s => Flag(s),
                _ => throw new InvalidOperationException($"the setting {setting.Flag} has a type the driver cannot parse: {setting.ValueType.Name}"),
            });
    }

    public Option<string?> Run { get; } = new("--run") { Description = "the run directory (default: runs/<method>-<space>-<time>)" };
    public Option<string?> Search { get; } = new("--search") { Description = "the search record in the run (default: 'main', or a new one when search options differ)" };
    public Option<bool> Override { get; } = new("--override") { Description = "let fine-tuning, health and precision settings change a saved run (the change is saved and logged)" };
    public Option<bool> IgnoreHealth { get; } = new("--ignore-health") { Description = "search a supernet that failed the health check anyway" };
    public Option<int> Seeds { get; } = new("--seeds") { Description = "repeat the whole run with this many consecutive seeds (in seed-<n>/) and report mean and standard deviation", DefaultValueFactory = _ => 1 };

    public void AddTo(Command command)
    {
        foreach (var (_, option, _) in settings) command.Options.Add(option);
        command.Options.Add(Run);
        command.Options.Add(Search);
        command.Options.Add(Override);
        command.Options.Add(IgnoreHealth);
        command.Options.Add(Seeds);
    }

    public RunRequest Request(ParseResult result)
    {
        var options = RunOptions.Defaults;
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (setting, option, get) in settings)
        {
            options = setting.Set(options, get(result));
            if (result.GetResult(option) is { Implicit: false }) given.Add(setting.Name);
        }
        var directory = result.GetValue(Run) ?? Path.Combine("runs", $"{options.Method}-{options.Space}-{DateTime.Now:yyyyMMdd-HHmmss}");
        return new RunRequest(directory, options, given, result.GetValue(Search), result.GetValue(Override), result.GetValue(IgnoreHealth), MethodDefaults: true);
    }

    private static (RunSetting, Option, Func<ParseResult, object?>) Flag<T>(RunSetting<T> setting)
    {
        var option = new Option<T>(setting.Flag) { Description = setting.Description, DefaultValueFactory = _ => setting.Value(RunOptions.Defaults) };
        return (setting, option, result => result.GetValue(option));
    }
}
