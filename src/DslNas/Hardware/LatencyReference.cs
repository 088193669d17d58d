using System.Globalization;
using DslNas.Artifacts;
using DslNas.Engine;
using DslNas.Nn;
using DslNas.Torch;

namespace DslNas.Hardware;

/// <summary>The reference's calibrated latency on a machine at a meter's settings, as cached, with the load when it was measured.</summary>
public sealed record LatencyReferenceCalibration(MachineIdentity Machine, int SequenceLength, int Batch, int Threads, double Ms, DateTime Created, double? LoadAverage = null);

/// <summary>
/// A fixed model timed beside every model a meter measures, interleaved with it: 4 layers of hidden 256, 4 heads of 64
/// and FFN 1024, with random weights of a fixed seed. A machine's speed drifts while it runs (other processes, clock
/// frequency, neighbours on shared cores), and a drift of seconds falls on the model and the reference alike; a
/// corrected latency is the model's median over the reference's median in the same rounds, times the reference's
/// <see cref="CalibratedMs"/>: the model's latency on this machine at the speed it had when the reference was calibrated.
/// The calibration is measured once per machine, libtorch, tokens, batch and threads and cached
/// (<see cref="CacheDirectory"/>/latency-reference), so that figures of every process and run on one machine share
/// one scale. Deleting the file calibrates again, and puts every figure taken before on another scale: cached tables
/// and predictors are then rebuilt, and a search's resolved budget is refused by its choice.
/// </summary>
public sealed class LatencyReference
{
    /// <summary>Timed rounds of a calibration, in <see cref="CalibrationWindows"/> windows.</summary>
    public const int CalibrationRounds = 200;

    public const int CalibrationWindows = 5;

    private static readonly Dictionary<string, LatencyReference> Loaded = [];

    private readonly Action pass;

    internal LatencyReference(int sequenceLength, int batch, double calibratedMs, Action pass)
    {
        if (calibratedMs <= 0 || !double.IsFinite(calibratedMs))
            throw new ArgumentOutOfRangeException(nameof(calibratedMs), calibratedMs, "the reference's calibrated latency must be positive");
        SequenceLength = sequenceLength;
        Batch = batch;
        CalibratedMs = calibratedMs;
        this.pass = pass;
    }

    public int SequenceLength { get; }
    public int Batch { get; }

    /// <summary>The reference's latency when calibrated, in milliseconds: the scale of corrected latencies.</summary>
    public double CalibratedMs { get; }

    /// <summary>One forward pass of the reference on its meter's batch.</summary>
    public void Run() => pass();

    /// <summary>
    /// The reference for texts of <paramref name="sequenceLength"/> tokens in batches of <paramref name="batch"/> at the
    /// runtime's thread count now: built once per process, its calibration read from the cache under
    /// <paramref name="root"/> (default <see cref="CacheDirectory.Root"/>) when it was measured on this machine with these
    /// settings, else measured now and cached.
    /// </summary>
    public static LatencyReference For(int sequenceLength, int batch, string? root = null)
    {
        var path = PathOf(sequenceLength, batch, torch.get_num_threads(), root);
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(path, out var reference)) Loaded[path] = reference = Open(sequenceLength, batch, path);
            return reference;
        }
    }

    public static string PathOf(int sequenceLength, int batch, int threads, string? root = null) =>
        Path.Combine(root ?? CacheDirectory.Root, "latency-reference",
            string.Create(CultureInfo.InvariantCulture, $"batch{batch}-tokens{sequenceLength}-threads{threads}.json"));

    /// <summary>
    /// The reference with its calibration from <paramref name="path"/>, or calibrated now and saved there. Processes
    /// that open it at once (the ranks of a distributed run) take turns through a lock file beside it: the first
    /// calibrates while the others wait, and they read what it wrote, so every rank shares one scale. Where the cache
    /// cannot be written, the calibration serves this process alone.
    /// </summary>
    internal static LatencyReference Open(int sequenceLength, int batch, string path)
    {
        var model = Model(sequenceLength, seed: 1);
        var ids = torch.full([batch, sequenceLength], 5L, ScalarType.Int64).DetachFromDisposeScope();
        var threads = torch.get_num_threads();
        LatencyReferenceCalibration Measured() => new(MachineIdentity.Current, sequenceLength, batch, threads, Calibrate(model, sequenceLength, batch), DateTime.UtcNow, LoadAverage());
        LatencyReferenceCalibration calibration;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var turn = Exclusive(path + ".lock");
            var cached = Cached(path, sequenceLength, batch, threads);
            calibration = cached ?? Measured();
            if (cached is null) JsonArtifact.Save(path, calibration);
        }
        catch (UnauthorizedAccessException)
        {
            calibration = Measured();
        }
        return new LatencyReference(sequenceLength, batch, calibration.Ms, () => model.Classify(ids, null));
    }

    /// <summary>The lock file held open exclusively, waited for while another process holds it.</summary>
    private static FileStream Exclusive(string lockPath)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(5))
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>The cached calibration when it was measured on this machine with these settings; null otherwise.</summary>
    private static LatencyReferenceCalibration? Cached(string path, int sequenceLength, int batch, int threads)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var cached = JsonArtifact.Load<LatencyReferenceCalibration>(path, "latency reference calibration", "not calibrated");
            return cached.Machine.Difference(MachineIdentity.Current) is null && cached.SequenceLength == sequenceLength && cached.Batch == batch &&
                   cached.Threads == threads && cached.Ms > 0 ? cached : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// The reference's latency: <see cref="CalibrationWindows"/> windows of <see cref="CalibrationRounds"/> /
    /// <see cref="CalibrationWindows"/> rounds, each interleaved with a second model of its shape (other weights), as it
    /// runs beside the models it is timed with; the lowest window median, the machine at its least disturbed, so that a
    /// slow spell during calibration does not set the scale for good.
    /// </summary>
    private static double Calibrate(ExtractedSubnet model, int sequenceLength, int batch)
    {
        using var other = Model(sequenceLength, seed: 2);
        var meter = new LatencyMeter(sequenceLength, batch, warmup: 10, repetitions: CalibrationRounds / CalibrationWindows);
        return Enumerable.Range(0, CalibrationWindows).Min(_ => meter.MeasureInterleaved([model, other])[0].MedianMs);
    }

    /// <summary>The 1-minute load average when it can be read (Linux), for the calibration's record.</summary>
    private static double? LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;

    /// <summary>The reference's shape with the weights of <paramref name="seed"/>; the caller's random state is left as it was.</summary>
    private static ExtractedSubnet Model(int sequenceLength, int seed)
    {
        using var keep = new RngStateScope();
        torch.manual_seed(seed);
        var plan = new SubnetPlan(Enumerable.Repeat(new LayerShape(LayerOp.FullLayer, 256, 4, 64, 1024, long.MaxValue), 4).ToArray());
        var model = ExtractedSubnet.Create(plan, new SupernetOptions(1000, sequenceLength));
        model.eval();
        return model;
    }
}
