using DslNas.Data.Batching;
using DslNas.Distributed;
using DslNas.Nn;
using DslNas.Randomness;
using DslNas.Torch;
using DslNas.Torch.Optim;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Training;

/// <summary>
/// Trains a supernet once for all its subnets on a classification task. Each step runs the sandwich of subnets
/// (<see cref="SandwichSampler"/>): the largest learns from the labels, every other one from the largest's detached
/// predictions (in-place distillation, KL divergence). AdamW with linear warmup and decay, gradient clipping and
/// gradient accumulation; deterministic given the seed, and resumable exactly from a checkpoint. With
/// <see cref="DataParallel"/>, every rank draws the same subnets (same seed), runs its shard of each global batch and
/// steps on the averaged gradients, so all ranks hold the same weights after every step; rank 0 alone checkpoints.
/// </summary>
public sealed class SupernetTrainer : IDisposable
{
    private readonly Supernet net;
    private readonly IReadOnlyList<EncodedExample> examples;
    private readonly Batcher batcher;
    private readonly SandwichSampler sampler;
    private readonly AdamW optimizer;
    private readonly LinearWarmupDecay schedule;
    private readonly List<Parameter> parameters;
    private List<int[]> epochPlan;

    public SupernetTrainer(Supernet net, IReadOnlyList<EncodedExample> examples, Batcher batcher, SupernetTrainingOptions options, DataParallel? parallel = null)
    {
        options.Validate();
        if (examples.Count == 0) throw new ArgumentException("there are no training examples");
        this.net = net;
        this.examples = examples;
        this.batcher = batcher;
        Options = options;
        Parallel = parallel ?? new DataParallel(DistributedWorld.Single);
        sampler = new SandwichSampler(net.Engine, options.RandomSubnets, options.LengthDrop, options.LayerDrop);
        parameters = net.parameters().ToList();
        optimizer = new AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay);
        schedule = new LinearWarmupDecay(optimizer, options.LearningRate, (int)(options.Steps * options.WarmupFraction), options.Steps);
        Random = SplitMixRandom.FromSeed(options.Seed);
        torch.manual_seed(options.Seed);
        epochPlan = batcher.Plan(examples, options.Seed, 0);
    }

    public SupernetTrainingOptions Options { get; }

    /// <summary>The ranks this trainer trains with (one, unless given).</summary>
    public DataParallel Parallel { get; }
    public int Step { get; private set; }
    public int Epoch { get; private set; }

    /// <summary>The next batch's index in the current epoch's plan.</summary>
    public int Position { get; private set; }

    internal SplitMixRandom Random { get; private set; }
    internal AdamW Optimizer => optimizer;
    internal Supernet Net => net;

    /// <summary>
    /// Trains until <paramref name="untilStep"/> (default: all steps), reporting each step's loss of the largest subnet;
    /// with a checkpoint path and <see cref="SupernetTrainingOptions.CheckpointEvery"/>, saves along the way.
    /// </summary>
    public void Train(int? untilStep = null, Action<int, double>? progress = null, string? checkpointPath = null, CancellationToken cancellation = default)
    {
        var end = Math.Min(untilStep ?? Options.Steps, Options.Steps);
        net.train();
        Parallel.BroadcastParameters(parameters);
        while (Step < end)
        {
            cancellation.ThrowIfCancellationRequested();
            var loss = TrainStep();
            progress?.Invoke(Step, loss);
            if (checkpointPath is not null && Parallel.World.IsLeader && Options.CheckpointEvery > 0 && (Step % Options.CheckpointEvery == 0 || Step == end))
                SupernetCheckpoint.Save(this, checkpointPath);
        }
    }

    private double TrainStep()
    {
        optimizer.zero_grad();
        double teacherLoss = 0;
        IReadOnlyList<SubnetPlan>? plans = null;
        for (var micro = 0; micro < Options.GradientAccumulation; micro++)
        {
            var global = NextBatch();
            var length = Batcher.Length(examples, global);
            plans ??= sampler.Step(length, Random);
            var (start, count, weight) = Parallel.Shard(global.Length);
            using var batch = batcher.Make(examples, global[start..(start + count)], length);
            using var scope = torch.NewDisposeScope();
            var teacher = net.Classify(batch.Ids, batch.KeepMask, plans[0]);
            var loss = Weighted(F.cross_entropy(teacher, batch.Labels), weight);
            loss.backward();
            teacherLoss += loss.item<double>();
            var targets = teacher.detach().softmax(-1);
            foreach (var student in plans.Skip(1))
            {
                var logits = net.Classify(batch.Ids, batch.KeepMask, student);
                Weighted(F.kl_div(logits.log_softmax(-1), targets, Reduction.BatchMean), weight).backward();
            }
        }
        Parallel.AverageGradients(parameters);
        GradientClipping.ClipGradNorm(parameters, Options.MaxGradientNorm);
        optimizer.step();
        schedule.Step();
        Step++;
        return Parallel.World.Average(teacherLoss, "averaging the loss");
    }

    /// <summary>A shard's mean loss weighted by its share of the global batch, and by the accumulation's share of the step.</summary>
    private Tensor Weighted(Tensor loss, double weight) => (weight == 1 ? loss : loss.mul(weight)).div(Options.GradientAccumulation);

    private int[] NextBatch()
    {
        if (Position == epochPlan.Count)
        {
            Epoch++;
            Position = 0;
            epochPlan = batcher.Plan(examples, Options.Seed, Epoch);
        }
        return epochPlan[Position++];
    }

    /// <summary>
    /// Continues from a checkpoint's counters and sampler state (weights, moments, optimizer step counts and libtorch's
    /// random state are restored by <see cref="SupernetCheckpoint"/>).
    /// </summary>
    internal void Restore(int step, int epoch, int position, ulong samplerState)
    {
        Step = step;
        Epoch = epoch;
        Position = position;
        epochPlan = batcher.Plan(examples, Options.Seed, epoch);
        Random = new SplitMixRandom(samplerState);
        schedule.Resume(step);
    }

    public void Dispose() => optimizer.Dispose();
}
