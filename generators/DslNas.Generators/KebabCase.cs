using System.Text.RegularExpressions;

namespace DslNas.Generators;

/// <summary>The naming rule for catalog names (spaces and methods) and the kebab-case name to suggest instead of a bad one.</summary>
internal static class KebabCase
{
    private static readonly Regex Rule = new("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");

    public static bool IsMatch(string name) => Rule.IsMatch(name);

    /// <summary>The name in kebab-case, or the type's name in kebab-case when the name is empty; <paramref name="prefix"/> leads one that would not start with a letter.</summary>
    public static string Suggest(string name, string typeName, string prefix)
    {
        var source = name.Length > 0 ? name : typeName;
        var kebab = Regex.Replace(Regex.Replace(source, "([a-z0-9])([A-Z])", "$1-$2"), "[^A-Za-z0-9]+", "-").Trim('-').ToLowerInvariant();
        kebab = Regex.Replace(kebab, "-+", "-");
        return kebab.Length > 0 && char.IsLetter(kebab[0]) ? kebab : prefix + "-" + kebab;
    }
}
