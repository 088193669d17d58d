namespace DslNas.Runs;

/// <summary>How a setting relates to a saved run.</summary>
public enum SettingScope
{
    /// <summary>Names what the run is (its method, its space): another value means another run.</summary>
    Identity,

    /// <summary>Fixed once the run exists: another value is an error naming the saved one.</summary>
    Fixed,

    /// <summary>Belongs to one search of the run: another value searches the trained supernet again into a new record.</summary>
    Search,

    /// <summary>Fixed once the run exists unless the user passes --override; the change is saved and logged.</summary>
    Overridable,

    /// <summary>How this invocation runs (its ranks, their timeout): taken as given every time, never saved with the run.</summary>
    Launch,
}

/// <summary>
/// One user-facing setting of a run: its flag name (without dashes), what it means, its scope, and where it lives in
/// <see cref="RunOptions"/>. Drivers build their flags from <see cref="RunSettings.All"/>, so the defaults they show are
/// the library's.
/// </summary>
public abstract class RunSetting(string name, string description, SettingScope scope)
{
    public string Name { get; } = name;
    public string Flag => "--" + Name;
    public string Description { get; } = description;
    public SettingScope Scope { get; } = scope;
    public abstract Type ValueType { get; }

    public abstract object? Get(RunOptions options);

    public abstract RunOptions Set(RunOptions options, object? value);

    /// <summary>The value as a user would type it.</summary>
    public string Format(RunOptions options) => Get(options) switch
    {
        null => "(none)",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };
}

/// <summary>A setting of type <typeparamref name="T"/>.</summary>
public sealed class RunSetting<T>(string name, string description, SettingScope scope, Func<RunOptions, T> get, Func<RunOptions, T, RunOptions> set)
    : RunSetting(name, description, scope)
{
    public override Type ValueType => typeof(T);

    public T Value(RunOptions options) => get(options);

    public override object? Get(RunOptions options) => get(options);

    public override RunOptions Set(RunOptions options, object? value) => set(options, (T)value!);
}
