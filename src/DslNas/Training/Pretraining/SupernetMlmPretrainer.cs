using DslNas.Data.Tasks;
using DslNas.Data.Text;
using DslNas.Engine;
using DslNas.Nn;
using DslNas.Randomness;
using DslNas.Torch;
using DslNas.Torch.Optim;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Training.Pretraining;

/// <summary>
/// Pre-trains a whole supernet by masked language modelling before it learns a task: every step runs the sandwich of
/// subnets (<see cref="SandwichSampler"/>) on one batch of packed, freshly masked sequences; the largest learns the
/// masked tokens (cross entropy), every other subnet the largest's detached distribution over the vocabulary at the
/// masked positions (in-place distillation, KL divergence). The decoder is the supernet's MLM head, tied to the token
/// embeddings, so every subnet's last hidden size must equal its embedding size. Batches, masks, optimizer and
/// schedule are <see cref="MlmPretrainer"/>'s; deterministic given the seed, and resumable exactly from a checkpoint
/// (<see cref="SupernetMlmCheckpoint"/>).
/// </summary>
public sealed class SupernetMlmPretrainer : IDisposable
{
    private readonly IReadOnlyList<int[]> sequences;
    private readonly DynamicMasking masking;
    private readonly int paddingId;
    private readonly SandwichSampler sampler;
    private readonly AdamW optimizer;
    private readonly LinearWarmupDecay schedule;
    private readonly IReadOnlyList<Parameter> parameters;
    private int[][] epochPlan;

    public SupernetMlmPretrainer(Supernet net, Vocabulary vocabulary, IReadOnlyList<int[]> sequences, MlmPretrainingOptions options, int randomSubnets = 2)
    {
        options.Validate();
        if (randomSubnets < 0) throw new ArgumentOutOfRangeException(nameof(randomSubnets), $"the number of random subnets must not be negative, got {randomSubnets}");
        if (net.Engine.Dimensions.Any(d => d.Role == Role.Hidden && d.PerLayer))
            throw new ArgumentException("MLM pre-training of a supernet needs every subnet's last hidden size to equal its embedding size (the decoder is tied to the embeddings), but this space varies the hidden size per layer");
        MlmPretrainer.RequireFits(net.Options.VocabularySize, net.Options.MaxPositions, vocabulary, sequences);
        Net = net;
        Options = options;
        RandomSubnets = randomSubnets;
        this.sequences = sequences;
        masking = new DynamicMasking(new MaskedLanguageModeling(vocabulary, options.MaskProbability), options.Seed);
        paddingId = vocabulary.PaddingId;
        DataFingerprint = MlmPretrainer.Fingerprint(vocabulary, sequences);
        sampler = new SandwichSampler(net.Engine, randomSubnets);
        parameters = net.parameters().ToList();
        optimizer = new AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay);
        schedule = new LinearWarmupDecay(optimizer, options.LearningRate, (int)(options.Steps * options.WarmupFraction), options.Steps);
        Random = SplitMixRandom.FromSeed(options.Seed);
        torch.manual_seed(options.Seed);
        epochPlan = MlmPretrainer.EpochPlan(sequences.Count, options, 0);
    }

    public Supernet Net { get; }
    public MlmPretrainingOptions Options { get; }
    public int RandomSubnets { get; }
    public int Step { get; private set; }
    public int Epoch { get; private set; }

    /// <summary>The next batch's index in the current epoch's plan.</summary>
    public int Position { get; private set; }

    internal SplitMixRandom Random { get; private set; }
    internal AdamW Optimizer => optimizer;
    internal string DataFingerprint { get; }

    /// <summary>
    /// Trains until <paramref name="untilStep"/> (default: all steps), reporting each step's loss of the largest subnet;
    /// with a checkpoint path and <see cref="MlmPretrainingOptions.CheckpointEvery"/>, saves along the way and at the end.
    /// </summary>
    public void Train(int? untilStep = null, Action<int, double>? progress = null, string? checkpointPath = null, CancellationToken cancellation = default)
    {
        var end = Math.Min(untilStep ?? Options.Steps, Options.Steps);
        Net.train();
        while (Step < end)
        {
            cancellation.ThrowIfCancellationRequested();
            var loss = TrainStep();
            progress?.Invoke(Step, loss);
            if (checkpointPath is not null && Options.CheckpointEvery > 0 && (Step % Options.CheckpointEvery == 0 || Step == end))
                SupernetMlmCheckpoint.Save(this, checkpointPath);
        }
    }

    private double TrainStep()
    {
        optimizer.zero_grad();
        var (epoch, indices) = NextBatch();
        using var batch = MlmBatch.Make(indices.Select(i => masking.Mask(sequences[i], epoch, i)).ToArray(), paddingId);
        var plans = sampler.Step((int)batch.Ids.size(1), Random);
        double loss = 0;
        // A batch with nothing masked has nothing to learn from: the step passes without an update.
        if (batch.MaskedCount > 0)
        {
            using var scope = torch.NewDisposeScope();
            var largest = MaskedLogits(batch, plans[0]);
            var value = F.cross_entropy(largest, batch.MaskedLabels);
            value.backward();
            loss = value.item<double>();
            var targets = largest.detach().log_softmax(-1);
            foreach (var student in plans.Skip(1))
                F.kl_div(MaskedLogits(batch, student).log_softmax(-1), targets, Reduction.BatchMean, log_target: true).backward();
            GradientClipping.ClipGradNorm(parameters, Options.MaxGradientNorm);
            optimizer.step();
        }
        schedule.Step();
        Step++;
        return loss;
    }

    /// <summary>The subnet's vocabulary logits at the batch's masked positions only.</summary>
    private Tensor MaskedLogits(MlmBatch batch, SubnetPlan plan)
    {
        var hidden = Net.Forward(batch.Ids, batch.KeepMask, plan);
        return Net.MlmLogits(hidden.reshape(-1, hidden.size(-1)).index_select(0, batch.MaskedPositions), plan);
    }

    private (int Epoch, int[] Indices) NextBatch()
    {
        if (Position == epochPlan.Length)
        {
            Epoch++;
            Position = 0;
            epochPlan = MlmPretrainer.EpochPlan(sequences.Count, Options, Epoch);
        }
        return (Epoch, epochPlan[Position++]);
    }

    /// <summary>Continues from a checkpoint's counters and sampler state (everything else is restored by <see cref="SupernetMlmCheckpoint"/>).</summary>
    internal void Restore(int step, int epoch, int position, ulong samplerState)
    {
        Step = step;
        Epoch = epoch;
        Position = position;
        epochPlan = MlmPretrainer.EpochPlan(sequences.Count, Options, epoch);
        Random = new SplitMixRandom(samplerState);
        schedule.Resume(step);
    }

    public void Dispose() => optimizer.Dispose();
}
