using System.Text;
using DslNas.Artifacts;
using DslNas.Engine;
using DslNas.Nn;

namespace DslNas.Hardware;

/// <summary>One measured part of a lookup table.</summary>
public sealed record LatencyTableEntry(LatencyPart Part, double MedianMs, double LowerQuartileMs, double UpperQuartileMs);

/// <summary>
/// A latency lookup table (NAS-BERT, HAT): every part an architecture of <see cref="Space"/> can need, measured on
/// <see cref="Machine"/> with the meter <see cref="Settings"/>; an architecture's latency is the sum of its parts plus
/// <see cref="ConstantMs"/>, fitted on measured whole architectures (the classification head and the overhead between
/// parts). <see cref="FitErrors"/> are the relative errors of the estimate on those architectures.
/// </summary>
public sealed record LatencyTable(
    string Space,
    string SpaceSignature,
    MachineIdentity Machine,
    LatencyMeterSettings Settings,
    IReadOnlyList<LatencyTableEntry> Entries,
    double ConstantMs,
    IReadOnlyList<double> FitErrors,
    DateTime Created)
{
    private Dictionary<LatencyPart, double>? byPart;

    private Dictionary<LatencyPart, double> ByPart => byPart ??= Entries.ToDictionary(e => e.Part, e => e.MedianMs);

    /// <summary>The measured latency of one part.</summary>
    public double PartMs(LatencyPart part) =>
        ByPart.TryGetValue(part, out var ms)
            ? ms
            : throw new InvalidOperationException(
                $"the latency table of '{Space}' has no entry for {part}: it holds the parts of its space at {Settings}; build a table for these settings with 'latency-table --space {Space}'");

    /// <summary>Each part of the plan's forward pass with its latency, in the order they run.</summary>
    public IReadOnlyList<(LatencyPart Part, double Ms)> Breakdown(SubnetPlan plan) =>
        LatencyParts.Of(plan, Settings.SequenceLength).Select(p => (p, PartMs(p))).ToList();

    /// <summary>The estimated latency of the plan in milliseconds: the sum of its parts plus the fitted constant.</summary>
    public double Estimate(SubnetPlan plan) => Breakdown(plan).Sum(p => p.Ms) + ConstantMs;

    public void Save(string path)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        JsonArtifact.Save(temporary, this);
        File.Move(temporary, path, overwrite: true);
    }

    public static LatencyTable Load(string path) => JsonArtifact.Load<LatencyTable>(path, "latency table", "no latency table has been built here");

    /// <summary>The space's dimensions and candidates as text: a table of a space whose declaration changed is not reused.</summary>
    public static string Signature(SpaceEngine engine)
    {
        var text = new StringBuilder();
        foreach (var d in engine.Dimensions)
            text.Append(d.Name).Append(':').Append(d.Role).Append(d.PerLayer ? "*" : "").Append('=')
                .Append(string.Join(",", d.Values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))).Append(';');
        return text.ToString();
    }
}
