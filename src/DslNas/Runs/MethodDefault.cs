namespace DslNas.Runs;

/// <summary>
/// A method's own default for one setting, in place of the library's, with the reason. A new run started from the
/// command line takes it for every setting the user did not give (the run log says so); a saved run keeps what it
/// was saved with, and a run opened from code (<see cref="RunRequest.For"/>) takes its options as they are.
/// </summary>
public sealed record MethodDefault(RunSetting Setting, object Value, string Reason)
{
    /// <summary>The default <paramref name="value"/> of the setting named <paramref name="name"/>; a name or type that does not fit a setting is a programming error.</summary>
    public static MethodDefault Of<T>(string name, T value, string reason) where T : notnull
    {
        var setting = RunSettings.All.FirstOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"no setting is named '{name}'");
        if (setting.ValueType != typeof(T)) throw new InvalidOperationException($"the setting '{name}' holds {setting.ValueType.Name}, not {typeof(T).Name}");
        if (setting.Scope is SettingScope.Identity or SettingScope.Launch) throw new InvalidOperationException($"the setting '{name}' cannot have a method's default");
        return new MethodDefault(setting, value, reason);
    }

    /// <summary>The value as a user would type it.</summary>
    public string Format() => Setting.Format(Setting.Set(RunOptions.Defaults, Value));

    /// <summary>
    /// <paramref name="options"/> with <paramref name="method"/>'s defaults for the settings not in <paramref name="given"/>,
    /// and a log line for each one that changed a value.
    /// </summary>
    public static (RunOptions Options, IReadOnlyList<string> Lines) Apply(string method, INasMethod instance, RunOptions options, IReadOnlySet<string> given)
    {
        var lines = new List<string>();
        foreach (var entry in instance.Defaults.Where(d => !given.Contains(d.Setting.Name)))
        {
            if (Equals(entry.Setting.Get(options), entry.Value)) continue;
            var library = entry.Setting.Format(options);
            options = entry.Setting.Set(options, entry.Value);
            lines.Add($"{method}'s default: {entry.Setting.Flag} {entry.Setting.Format(options)} (the library's is {library}): {entry.Reason}");
        }
        return (options, lines);
    }
}
