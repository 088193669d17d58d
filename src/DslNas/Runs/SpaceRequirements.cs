using DslNas.Engine;

namespace DslNas.Runs;

/// <summary>What a method may require of a space, checked before any work starts (see <see cref="INasMethod.Rejects"/>).</summary>
public static class SpaceRequirements
{
    /// <summary>
    /// Null when the space has a dimension for every role in <paramref name="roles"/> (and, with
    /// <paramref name="perBlock"/>, a [PerBlock] dimension); otherwise one line naming what it lacks.
    /// </summary>
    public static string? Missing(SearchSpaceDescriptor space, IReadOnlyCollection<Role> roles, bool perBlock = false)
    {
        var dimensions = space.Engine.Dimensions;
        var missing = roles.Where(r => dimensions.All(d => d.Role != r)).Select(r => $"[{r}]").ToList();
        if (perBlock && dimensions.All(d => d.PerBlock <= 1)) missing.Add("[PerBlock]");
        return missing.Count == 0 ? null : $"the space has no {string.Join(" and no ", missing)} dimension";
    }
}
