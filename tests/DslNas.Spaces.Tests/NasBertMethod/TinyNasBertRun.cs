using System.Text;
using DslNas.Data.Text;
using DslNas.Engine;
using DslNas.Hardware;
using DslNas.Export;
using DslNas.Torch;
using DslNas.Torch.Nn;

namespace DslNas.Spaces.Tests.NasBertMethod;

/// <summary>
/// One tiny NAS-BERT run on the tiny-blocks space (2 blocks of 2 slots) and a small labelled TSV, made once and shared
/// by the tests that read it. Its cache holds a lookup table of known part latencies, proportional to the parts'
/// weights, so that binning by latency does not depend on how busy the machine is (measuring a table is the hardware
/// tests' concern; the run still measures whole models to check the table). Its teacher is a 4-layer encoder in the BERT layout over a vocabulary of the TSV's texts
/// (MLM pre-training of a teacher reads every built-in corpus and is tested with the teacher stage).
/// </summary>
public sealed class TinyNasBertRun : IDisposable
{
    public TinyNasBertRun()
    {
        Root = Directory.CreateTempSubdirectory("dslnas-nas-bert").FullName;
        Data = Path.Combine(Root, "mail.tsv");
        File.WriteAllText(Data, TinyRun.MailTsv());
        Teacher = Path.Combine(Root, "teacher");
        var vocabulary = new WordPieceTrainer(60).Train(File.ReadLines(Data).Skip(1).Select(l => l.Split('\t')[0]));
        torch.manual_seed(2);
        using (var encoder = new TransformerEncoder(TransformerEncoderConfig.Uniform(vocabulary.Count, 16, 32, 4, 2, 64)))
            BertCheckpoint.Save(Teacher, encoder, vocabulary);
        var meter = new LatencyMeter(16, 1, 3, 15, LatencyReference.For(16, 1, Path.Combine(Root, "cache")));
        var engine = TinyBlocks.Space.Engine;
        new LatencyTable("tiny-blocks", LatencyTable.Signature(engine), MachineIdentity.Current, meter.Settings,
            LatencyParts.OfSpace(engine, 16).Select(p => new LatencyTableEntry(p, KnownMs(p), KnownMs(p), KnownMs(p))).ToList(), 0.05, [], DateTime.UtcNow)
            .Save(LatencyTableCache.PathOf("tiny-blocks", meter.Settings, Path.Combine(Root, "cache")));
        Run = Path.Combine(Root, "run");
        Result = Driver("run", Run);
    }

    public string Root { get; }
    public string Data { get; }
    public string Teacher { get; }
    public string Run { get; }
    public (int Code, string Output, string Error) Result { get; }

    /// <summary>The tiny configuration for a verb and a run directory, with flags added or replacing the defaults.</summary>
    public (int Code, string Output, string Error) Driver(string verb, string run, params string[] flags)
    {
        var settings = new Dictionary<string, string>
        {
            ["--method"] = "nas-bert", ["--space"] = "tiny-blocks", ["--data"] = Data, ["--vocabulary"] = "60", ["--max-length"] = "16", ["--batch"] = "8",
            ["--steps"] = "40", ["--learning-rate"] = "0.003", ["--teacher"] = Teacher, ["--bins"] = "2", ["--shrink-every"] = "5",
            ["--shrink-sample"] = "8", ["--keep-per-bin"] = "2", ["--dev-batches"] = "1", ["--top-k"] = "2", ["--budgets"] = "70%,45%", ["--distill-steps"] = "3",
            ["--fine-tune-steps"] = "2", ["--seed"] = "5",
        };
        for (var i = 0; i < flags.Length; i += 2) settings[flags[i]] = flags[i + 1];
        var previousCache = Environment.GetEnvironmentVariable("DSLNAS_CACHE");
        Environment.SetEnvironmentVariable("DSLNAS_CACHE", Path.Combine(Root, "cache"));
        try
        {
            return DriverHarness.Run([verb, "--run", run, .. settings.SelectMany(s => new[] { s.Key, s.Value })]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DSLNAS_CACHE", previousCache);
        }
    }

    /// <summary>A part's latency: 1 µs per thousand of its weights.</summary>
    private static double KnownMs(LatencyPart part) => 1e-6 * part.Kind switch
    {
        LatencyPartKind.Embedding => part.Hidden,
        LatencyPartKind.Transfer => part.HiddenIn * part.Hidden,
        _ => part.Op switch
        {
            LayerOp.Attention => 4 * part.Hidden * part.Hidden,
            LayerOp.Ffn => 2 * part.Hidden * part.Ffn,
            LayerOp.FullLayer => 4 * part.Hidden * part.Hidden + 2 * part.Hidden * part.Ffn,
            _ => part.Hidden * part.Hidden + part.Hidden * part.Op.KernelSize(),
        },
    };

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
