using DslNas.Artifacts;
using DslNas.Engine;
using DslNas.Nn;
using DslNas.Runs;

namespace DslNas.Hardware;

/// <summary>
/// A latency predictor of one space on one machine: a linear model on <see cref="LatencyFeatures"/> (the lookup
/// table's sum of parts and what it misses), fitted on measured whole architectures as <see cref="LatencyModelFit"/>
/// says (<see cref="Features"/> are those it chose). Latency on a CPU is close to a sum over the operations run, so a
/// linear model over the table's sum and per-layer counts captures it with few measurements, has no training schedule
/// to tune, and cannot wander outside the space the way a deeper model can. <see cref="HeldOut"/> is its error on
/// measured architectures it was neither fitted nor cross-validated on.
/// </summary>
public sealed record LatencyPredictor(
    string Space,
    string SpaceSignature,
    MachineIdentity Machine,
    LatencyMeterSettings Settings,
    DateTime TableCreated,
    RidgeRegression Model,
    int Fitted,
    PredictionError HeldOut,
    DateTime Created,
    string Fitting,
    IReadOnlyList<string> Features)
{
    /// <summary>Measured architectures a predictor is fitted and checked on, and the share of them held out.</summary>
    public const int DefaultArchitectures = 64;
    public const double HeldOutShare = 0.25;

    /// <summary>The predicted latency in milliseconds of an architecture of the space the predictor was fitted on.</summary>
    public double Predict(SearchSpaceDescriptor space, Genes genes, LatencyTable table)
    {
        Require(space);
        return Model.Predict(LatencyFeatures.Of(space.Engine, genes, table));
    }

    /// <summary>Refuses a space the predictor was not fitted on.</summary>
    public void Require(SearchSpaceDescriptor space)
    {
        if (space.Name != Space) throw new InvalidOperationException($"the latency predictor was fitted on the space '{Space}', not '{space.Name}'; fit one for '{space.Name}'");
        if (LatencyTable.Signature(space.Engine) != SpaceSignature) throw new InvalidOperationException($"the latency predictor of '{Space}' was fitted before the space changed; fit it again");
    }

    /// <summary>Measures <paramref name="architectures"/> random architectures whole; fits on the first part and reports the error on the rest.</summary>
    public static LatencyPredictor Fit(SearchSpaceDescriptor space, LatencyTable table, LatencyMeter meter, IRunEvents events, int architectures = DefaultArchitectures, int seed = 1)
    {
        var heldOut = (int)Math.Round(architectures * HeldOutShare);
        if (heldOut < 1 || architectures - heldOut < LatencyFeatures.Names.Count + 1)
            throw new ArgumentOutOfRangeException(nameof(architectures), architectures, $"a predictor needs more than {LatencyFeatures.Names.Count + 1} architectures to fit and at least one held out");
        var engine = space.Engine;
        var random = new Random(seed);
        var genes = Enumerable.Range(0, architectures).Select(_ => engine.Sample(random)).ToList();
        var measured = events.Progress($"latency predictor of '{space.Name}': {architectures} architectures measured", report =>
            LatencyTableBuilder.MeasureWhole(genes.Select(engine.Plan).ToList(), meter, (done, total) => report(done, total, null)));
        var features = genes.Select(g => LatencyFeatures.Of(engine, g, table)).ToList();
        var (model, error) = FitHoldingOut(features, measured, heldOut);
        return new LatencyPredictor(space.Name, LatencyTable.Signature(engine), MachineIdentity.Current, meter.Settings, table.Created, model, architectures - heldOut, error, DateTime.UtcNow,
            LatencyModelFit.Description, LatencyFeatures.Names.Take(model.Weights.Length).ToArray());
    }

    /// <summary>Fits on all but the last <paramref name="heldOut"/> rows and measures the error on those alone.</summary>
    public static (RidgeRegression Model, PredictionError HeldOut) FitHoldingOut(IReadOnlyList<double[]> features, IReadOnlyList<double> measured, int heldOut)
    {
        var fitted = features.Count - heldOut;
        var model = LatencyModelFit.Fit(features.Take(fitted).ToList(), measured.Take(fitted).ToList());
        return (model, PredictionError.Of(features.Skip(fitted).Select(f => model.Predict(f)).ToList(), measured.Skip(fitted).ToList()));
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        JsonArtifact.Save(path + ".tmp", this);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public static LatencyPredictor Load(string path) => JsonArtifact.Load<LatencyPredictor>(path, "latency predictor", "no latency predictor has been fitted here");

    public static string PathOf(string space, LatencyMeterSettings settings, string? root = null) =>
        Path.Combine(root ?? CacheDirectory.Root, "latency-predictors",
            settings.CacheFileName(space));

    /// <summary>
    /// The predictor of the space for the meter's settings on this machine, with the table it reads: from the cache
    /// when it was fitted here, with these settings, on this table, for the space as declared now; else fitted now
    /// (the log says why) and cached.
    /// </summary>
    public static (LatencyPredictor Predictor, LatencyTable Table) Get(SearchSpaceDescriptor space, LatencyMeter meter, IRunEvents events, string? root = null)
    {
        var table = LatencyTableCache.Get(space, meter, events, root);
        var path = PathOf(space.Name, meter.Settings, root);
        if (File.Exists(path))
        {
            string? reason;
            LatencyPredictor? cached = null;
            try
            {
                cached = Load(path);
                reason = cached.Space != space.Name ? $"it is the predictor of '{cached.Space}'"
                    : cached.Machine.Difference(MachineIdentity.Current) is { } other ? $"it was fitted on another machine or libtorch ({other})"
                    : cached.Settings != meter.Settings ? $"it was fitted with other meter settings ({cached.Settings}; now {meter.Settings})"
                    : cached.SpaceSignature != LatencyTable.Signature(space.Engine) ? $"the space '{space.Name}' has changed since it was fitted"
                    : cached.TableCreated != table.Created ? "the lookup table it reads was measured again since"
                    : cached.Fitting != LatencyModelFit.Description ? "it was fitted another way than predictors are now"
                    : null;
            }
            catch (InvalidDataException e)
            {
                reason = e.Message;
            }
            if (reason is null)
            {
                events.Log($"latency predictor of '{space.Name}': {path}; {cached!.HeldOut}");
                return (cached, table);
            }
            events.Log($"latency predictor {path} is not reused, fitting it again: {reason}");
        }
        var predictor = Fit(space, table, meter, events);
        predictor.Save(path);
        events.Log($"latency predictor of '{space.Name}' fitted on {predictor.Fitted} measured architectures (features: {string.Join(", ", predictor.Features)}), written to {path}; {predictor.HeldOut}");
        return (predictor, table);
    }
}
