using System.Globalization;
using DslNas.Runs;

namespace DslNas.Methods.NasBert;

/// <summary>
/// The parameter budgets of --budgets: a comma-separated list of non-embedding parameter counts ("2M", "500k",
/// "120000") or shares of the largest architecture's ("50%"), as NAS-BERT's 60M, 30M, 10M and 5M are of BERT-base's.
/// </summary>
public static class ParameterBudgets
{
    /// <summary>One budget as written: an absolute count, or a fraction of the largest architecture.</summary>
    public sealed record Budget(string Text, long? Count, double? Fraction)
    {
        public long Resolve(long largest) => Count ?? (long)Math.Floor(Fraction!.Value * largest);
    }

    public static IReadOnlyList<Budget> Parse(string text)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0) throw new ArgumentException("--budgets names no budget; give e.g. '50%,25%,10%' or '2M,1M,500k'");
        return items.Select(Item).ToList();
    }

    /// <summary>
    /// The budgets in parameters, largest first; a budget below the smallest architecture of the space is refused,
    /// naming that architecture's size.
    /// </summary>
    public static IReadOnlyList<(string Text, long Parameters)> Resolve(string text, long largest, long smallest)
    {
        var resolved = Parse(text).Select(b => (b.Text, Parameters: b.Resolve(largest))).OrderByDescending(b => b.Parameters).ToList();
        foreach (var (item, parameters) in resolved.Where(b => b.Parameters < smallest))
            throw new RunInputException($"--budgets {item} ({parameters:N0} parameters) is below the smallest architecture of the space ({smallest:N0} non-embedding parameters); no candidate meets it");
        return resolved;
    }

    private static Budget Item(string item)
    {
        if (item.EndsWith('%'))
        {
            if (double.TryParse(item[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is > 0 and <= 100)
                return new Budget(item, null, percent / 100);
            throw new ArgumentException($"--budgets '{item}': a share must lie in (0%, 100%]");
        }
        var (digits, scale) = char.ToLowerInvariant(item[^1]) switch
        {
            'k' => (item[..^1], 1e3),
            'm' => (item[..^1], 1e6),
            _ => (item, 1.0),
        };
        if (double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value * scale >= 1)
            return new Budget(item, (long)Math.Round(value * scale), null);
        throw new ArgumentException($"--budgets '{item}' is not a parameter count ('2M', '500k', '120000') or a share of the largest architecture ('50%')");
    }
}
