using System.Globalization;
using System.Text;
using DslNas.Search;

namespace DslNas.Reporting;

/// <summary>
/// Every evaluated architecture with its metrics and whether it is on the front, one row each; accuracy and loss are
/// empty for an architecture over the budget, which was not scored.
/// </summary>
internal static class ParetoCsv
{
    public static string Write(IReadOnlyList<(string Json, Evaluated Result)> rows, IReadOnlyCollection<string> frontKeys)
    {
        var text = new StringBuilder("on_front,accuracy,loss,latency_ms,flops,parameters,generation,architecture\n");
        foreach (var (json, result) in rows.OrderBy(r => r.Result.Metrics.LatencyMs))
        {
            var m = result.Metrics;
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"{(frontKeys.Contains(result.Key) ? 1 : 0)},{Scored(m, m.Accuracy)},{Scored(m, m.Loss)},{m.LatencyMs:F3},{m.Flops},{m.Parameters},{result.Generation},"));
            text.Append('"').Append(json.Replace("\"", "\"\"")).Append("\"\n");
        }
        return text.ToString();
    }

    private static string Scored(Metrics metrics, double value) => metrics.Scored ? value.ToString("F4", CultureInfo.InvariantCulture) : "";
}
