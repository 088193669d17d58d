using DslNas.Randomness;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using DslNas.Data.Tasks;
using DslNas.Data.Text;
using DslNas.Torch;
using DslNas.Torch.Optim;

namespace DslNas.Training.Pretraining;

/// <summary>
/// Pre-trains an <see cref="MlmModel"/> (a dense teacher) by masked language modelling on packed sequences
/// (<see cref="SequencePacking"/>): every epoch visits the sequences in a new order and masks them afresh
/// (<see cref="DynamicMasking"/>); the loss is the cross entropy of the masked tokens, decoded at those positions only.
/// AdamW with linear warmup and decay and gradient clipping; deterministic given the seed, and resumable exactly from
/// a checkpoint (<see cref="MlmCheckpoint"/>). It reports progress through a callback and never writes to the console.
/// </summary>
public sealed class MlmPretrainer : IDisposable
{
    private readonly IReadOnlyList<int[]> sequences;
    private readonly DynamicMasking masking;
    private readonly int paddingId;
    private readonly AdamW optimizer;
    private readonly LinearWarmupDecay schedule;
    private readonly IReadOnlyList<Parameter> parameters;
    private readonly Func<MlmBatch, Tensor> objective;
    private int[][] epochPlan;

    /// <summary>
    /// A pre-trainer of <paramref name="model"/>; <paramref name="objective"/> replaces the masked tokens' cross entropy
    /// (<see cref="MlmModel.MaskedLoss"/>) as the loss of a batch, e.g. <see cref="Distillation.MlmDistillationLoss"/>.
    /// </summary>
    public MlmPretrainer(MlmModel model, Vocabulary vocabulary, IReadOnlyList<int[]> sequences, MlmPretrainingOptions options, Func<MlmBatch, Tensor>? objective = null)
    {
        options.Validate();
        RequireFits(model.Config.VocabularySize, model.Config.MaxPositions, vocabulary, sequences);
        Model = model;
        Options = options;
        this.sequences = sequences;
        masking = new DynamicMasking(new MaskedLanguageModeling(vocabulary, options.MaskProbability), options.Seed);
        paddingId = vocabulary.PaddingId;
        this.objective = objective ?? model.MaskedLoss;
        DataFingerprint = Fingerprint(vocabulary, sequences);
        parameters = model.parameters().ToList();
        optimizer = new AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay);
        schedule = new LinearWarmupDecay(optimizer, options.LearningRate, (int)(options.Steps * options.WarmupFraction), options.Steps);
        torch.manual_seed(options.Seed);
        epochPlan = EpochPlan(sequences.Count, options, 0);
    }

    public MlmModel Model { get; }
    public MlmPretrainingOptions Options { get; }
    public int Step { get; private set; }
    public int Epoch { get; private set; }

    /// <summary>The next batch's index in the current epoch's plan.</summary>
    public int Position { get; private set; }

    internal AdamW Optimizer => optimizer;

    /// <summary>SHA-256 of the vocabulary size and the sequences: a checkpoint resumes only on the data it was trained on.</summary>
    internal string DataFingerprint { get; }

    /// <summary>
    /// Trains until <paramref name="untilStep"/> (default: all steps), reporting each step's loss; with a checkpoint
    /// path and <see cref="MlmPretrainingOptions.CheckpointEvery"/>, saves along the way and at the end.
    /// </summary>
    public void Train(int? untilStep = null, Action<int, double>? progress = null, string? checkpointPath = null, CancellationToken cancellation = default)
    {
        var end = Math.Min(untilStep ?? Options.Steps, Options.Steps);
        Model.train();
        while (Step < end)
        {
            cancellation.ThrowIfCancellationRequested();
            var loss = TrainStep();
            progress?.Invoke(Step, loss);
            if (checkpointPath is not null && Options.CheckpointEvery > 0 && (Step % Options.CheckpointEvery == 0 || Step == end))
                MlmCheckpoint.Save(this, checkpointPath);
        }
    }

    /// <summary>The masked inputs and labels sequence <paramref name="index"/> gets in <paramref name="epoch"/>.</summary>
    public (int[] Inputs, int[] Labels) Masked(int epoch, int index) => masking.Mask(sequences[index], epoch, index);

    private double TrainStep()
    {
        optimizer.zero_grad();
        var (epoch, indices) = NextBatch();
        using var batch = MlmBatch.Make(indices.Select(i => Masked(epoch, i)).ToArray(), paddingId);
        double loss = 0;
        // A batch with nothing masked has nothing to learn from (its summed loss is zero): the step passes without an update.
        if (batch.MaskedCount > 0)
        {
            using var scope = torch.NewDisposeScope();
            var value = objective(batch);
            value.backward();
            GradientClipping.ClipGradNorm(parameters, Options.MaxGradientNorm);
            optimizer.step();
            loss = value.item<double>();
        }
        schedule.Step();
        Step++;
        return loss;
    }

    private (int Epoch, int[] Indices) NextBatch()
    {
        if (Position == epochPlan.Length)
        {
            Epoch++;
            Position = 0;
            epochPlan = EpochPlan(sequences.Count, Options, Epoch);
        }
        return (Epoch, epochPlan[Position++]);
    }

    /// <summary>The epoch's batches: every sequence once, in an order drawn from the seed and the epoch alone.</summary>
    internal static int[][] EpochPlan(int sequences, MlmPretrainingOptions options, int epoch)
    {
        var order = Enumerable.Range(0, sequences).ToArray();
        SplitMixRandom.FromKeys(options.Seed, epoch).Shuffle(order);
        return order.Chunk(options.BatchSize).ToArray();
    }

    /// <summary>Continues from a checkpoint's counters (everything else is restored by <see cref="MlmCheckpoint"/>).</summary>
    internal void Restore(int step, int epoch, int position)
    {
        Step = step;
        Epoch = epoch;
        Position = position;
        epochPlan = EpochPlan(sequences.Count, Options, epoch);
        schedule.Resume(step);
    }

    internal static void RequireFits(int vocabularySize, int maxPositions, Vocabulary vocabulary, IReadOnlyList<int[]> sequences)
    {
        if (vocabulary.Count != vocabularySize)
            throw new ArgumentException($"the vocabulary has {vocabulary.Count} tokens but the model's embeddings {vocabularySize}");
        if (sequences.Count == 0) throw new ArgumentException("there are no sequences to pre-train on", nameof(sequences));
        for (var i = 0; i < sequences.Count; i++)
        {
            var sequence = sequences[i];
            if (sequence.Length == 0 || sequence.Length > maxPositions)
                throw new ArgumentException($"sequence {i} has {sequence.Length} tokens; the model takes 1 to {maxPositions}", nameof(sequences));
            if (sequence.Any(id => id < 0 || id >= vocabularySize))
                throw new ArgumentException($"sequence {i} holds an id outside the vocabulary [0, {vocabularySize})", nameof(sequences));
        }
    }

    internal static string Fingerprint(Vocabulary vocabulary, IReadOnlyList<int[]> sequences)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(vocabulary.Count));
        foreach (var sequence in sequences)
        {
            hash.AppendData(BitConverter.GetBytes(sequence.Length));
            hash.AppendData(MemoryMarshal.AsBytes(sequence.AsSpan()));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public void Dispose() => optimizer.Dispose();
}
