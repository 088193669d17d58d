namespace DslNas.Spaces.Tests;

internal static class Chi
{
    /// <summary>Asserts draws are uniform over <paramref name="categories"/> values (chi-square, p &lt; 1e-4 to fail by chance).</summary>
    public static void ShouldBeUniform<T>(IEnumerable<T> draws, int categories) where T : notnull
    {
        var counts = draws.GroupBy(d => d).Select(g => g.Count()).ToList();
        counts.Should().HaveCount(categories, "every architecture appears");
        var total = counts.Sum();
        var expected = (double)total / categories;
        var statistic = counts.Sum(c => (c - expected) * (c - expected) / expected);
        var freedom = categories - 1;
        statistic.Should().BeLessThan(freedom + 4 * Math.Sqrt(2.0 * freedom));
    }
}
