using System.Globalization;
using System.Text.Json;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Torch.Optim;
using DslNas.Training;

namespace DslNas.Methods.NasBert;

/// <summary>
/// The run's student supernet with its block-wise distillation from the teacher (split into one part per block), its
/// optimizer and the space's block candidates; created by the train stage, loaded once per process by later stages.
/// </summary>
internal sealed class NasBertSupernet : IDisposable
{
    private const string Key = "nas-bert-supernet";
    private const string Format = "dslnas-nas-bert-checkpoint/1";

    private NasBertSupernet(RunContext context, TransformerEncoder teacher, BlockCandidates candidates)
    {
        torch.manual_seed(context.Options.Seed);
        Teacher = teacher;
        teacher.eval();
        Candidates = candidates;
        Supernet = new Supernet(context.Space.Engine, RunSupernet.ModelOptions(context));
        Distillation = new BlockwiseDistillation(Supernet, teacher, candidates.Blocks.Count);
        Optimizer = new AdamW(Distillation.parameters(), context.Options.Training.LearningRate);
        Options = JsonSerializer.Serialize(new { context.Options.NasBert, context.Options.Training.LearningRate, context.Options.Training.Steps });
    }

    public TransformerEncoder Teacher { get; }
    public BlockCandidates Candidates { get; }
    public Supernet Supernet { get; }
    public BlockwiseDistillation Distillation { get; }
    public AdamW Optimizer { get; }
    private string Options { get; }

    /// <summary>A fresh student over the run's teacher; a missing teacher or one with fewer layers than blocks is refused.</summary>
    public static NasBertSupernet Create(RunContext context)
    {
        var candidates = BlockCandidates.For(context.Space.Engine);
        var created = new NasBertSupernet(context, CheckedTeacher(context, candidates.Blocks.Count), candidates);
        context.Keep(Key, created);
        return created;
    }

    /// <summary>The trained student, from memory or from its checkpoint.</summary>
    public static NasBertSupernet Load(RunContext context) => context.Loaded(Key, () =>
    {
        var path = new NasBertFiles(context).Checkpoint;
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: the run has no trained NAS-BERT supernet; run 'train' first", path);
        var candidates = BlockCandidates.For(context.Space.Engine);
        var loaded = new NasBertSupernet(context, CheckedTeacher(context, candidates.Blocks.Count), candidates);
        loaded.Restore(path);
        return loaded;
    });

    public static TransformerEncoder CheckedTeacher(RunContext context, int blocks)
    {
        var teacher = RunTeacher.Load(context)
            ?? throw new RunInputException("method 'nas-bert' distils block by block from a teacher: use --teacher pretrain (the default) or --teacher DIR, not --teacher none");
        var layers = teacher.Config.Layers.Count;
        if (layers < blocks)
            throw new RunInputException($"the teacher has {layers} layers, fewer than the space's {blocks} blocks: NAS-BERT gives every block at least one teacher layer");
        if (layers % blocks != 0)
            throw new RunInputException($"the teacher's {layers} layers do not split evenly into the space's {blocks} blocks");
        return teacher;
    }

    public void Save(string path, int round) =>
        TrainingCheckpoint.Save(path, Subject, new Dictionary<string, string> { ["round"] = round.ToString(CultureInfo.InvariantCulture) });

    /// <summary>Restores the weights and the optimizer; returns the round the checkpoint was saved after.</summary>
    public int Restore(string path) => TrainingCheckpoint.Load(path, Subject, ["round"]).Int("round");

    private CheckpointSubject Subject => new(Format, "NAS-BERT supernet", Distillation, Optimizer, Options);

    public void Dispose()
    {
        Optimizer.Dispose();
        Distillation.Dispose();
    }
}
