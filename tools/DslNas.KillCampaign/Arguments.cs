using System.Globalization;

namespace DslNas.KillCampaign;

/// <summary>The campaign's --name value pairs, and the driver flags after "--".</summary>
internal static class Arguments
{
    public static (Dictionary<string, string> Options, List<string> DriverFlags) Parse(string[] args)
    {
        var options = new Dictionary<string, string>();
        var separator = Array.IndexOf(args, "--");
        var own = separator < 0 ? args : args[..separator];
        for (var i = 0; i < own.Length; i += 2)
        {
            if (!own[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= own.Length)
                throw new ArgumentException($"expected '--name value' pairs, got '{own[i]}'");
            options[own[i][2..]] = own[i + 1];
        }
        return (options, separator < 0 ? [] : [.. args[(separator + 1)..]]);
    }

    public static int Int(Dictionary<string, string> options, string name, int fallback) =>
        options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
