using System.Globalization;
using System.Text;
using DslNas.Engine;
using DslNas.Nn;
using DslNas.Randomness;

namespace DslNas.Methods.NasBert;

/// <summary>One architecture of the check: the table's estimate, the measured latency and the relative error.</summary>
public sealed record LatencyCheckRow(string Architecture, double EstimateMs, double MeasuredMs)
{
    public double RelativeError => Math.Abs(EstimateMs - MeasuredMs) / MeasuredMs;
}

/// <summary>
/// How far the lookup table is from the meter: random architectures of the space (drawn with the seed) estimated from
/// the table and measured whole as built dense models; the median and worst relative error (latency-check.csv).
/// </summary>
public static class LatencyTableCheck
{
    public const int Architectures = 50;

    public static IReadOnlyList<LatencyCheckRow> Run(SpaceEngine engine, string space, IArchitectureLatency table, IArchitectureLatency measured, int seed, int count = Architectures)
    {
        var random = SplitMixRandom.FromKeys(seed, 50);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var genes = engine.Sample(random);
            var plan = engine.Plan(genes);
            return new LatencyCheckRow(ArchitectureJson.Write(space, engine, engine.ToValues(genes)), table.Milliseconds(plan), measured.Milliseconds(plan));
        }).ToList();
    }

    public static (double Median, double Worst) Errors(IReadOnlyList<LatencyCheckRow> rows)
    {
        var errors = rows.Select(r => r.RelativeError).Order().ToList();
        return (errors.Count % 2 == 1 ? errors[errors.Count / 2] : (errors[errors.Count / 2 - 1] + errors[errors.Count / 2]) / 2, errors[^1]);
    }

    public static string Csv(IReadOnlyList<LatencyCheckRow> rows)
    {
        var text = new StringBuilder("estimate_ms,measured_ms,relative_error,architecture\n");
        foreach (var r in rows)
            text.Append(CultureInfo.InvariantCulture, $"{r.EstimateMs:R},{r.MeasuredMs:R},{r.RelativeError:R},\"{r.Architecture.Replace("\"", "\"\"")}\"\n");
        return text.ToString();
    }
}
