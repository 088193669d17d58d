using DslNas.Data.Tasks;
using DslNas.Data.Text;
using DslNas.Nn;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Torch.Optim;
using DslNas.Training.Pretraining;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Training.Distillation;

/// <summary>
/// NAS-BERT's pre-training of a standalone model with prediction-layer distillation (Xu et al. 2021, Eq. 2): over
/// packed, freshly masked sequences, at the masked positions, L = (1 − λ) · CE(z, y) + λ · KL(softmax(t) ‖ softmax(z)),
/// with t the teacher's logits (its last states through its own MLM head, <see cref="MlmTeacher"/>).
/// The student decodes with its token embeddings and MLM bias when its last hidden size equals their width; otherwise
/// (widths change across blocks, or the embeddings are narrower) with a linear layer of its own from its last width to
/// the vocabulary, trained here and dropped afterwards, as the MLM head is dropped for fine-tuning. Batches, masks, order, AdamW with warmup and
/// decay and clipping are <see cref="MlmPretrainer"/>'s; deterministic given the seed.
/// </summary>
public static class PredictionDistillation
{
    /// <summary>Trains <paramref name="student"/> for <see cref="MlmPretrainingOptions.Steps"/> steps; returns each step's loss.</summary>
    public static IReadOnlyList<double> Train(ExtractedSubnet student, MlmTeacher teacher, Vocabulary vocabulary, IReadOnlyList<int[]> sequences,
        MlmPretrainingOptions options, double lambda = 0.5, Action<int, double>? progress = null)
    {
        options.Validate();
        if (lambda is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must lie in [0, 1]");
        if (teacher.VocabularySize != vocabulary.Count)
            throw new ArgumentException($"the teacher's vocabulary has {teacher.VocabularySize} tokens, the data's {vocabulary.Count}");
        MlmPretrainer.RequireFits(vocabulary.Count, teacher.Encoder.Config.MaxPositions, vocabulary, sequences);
        torch.manual_seed(options.Seed);
        using var head = student.Plan.LastHidden == student.EmbeddingWidth ? null : new Linear(student.Plan.LastHidden, vocabulary.Count);
        var trainable = student.parameters().Concat(head?.parameters() ?? []).ToList();
        using var optimizer = new AdamW(trainable, options.LearningRate, weight_decay: options.WeightDecay);
        var schedule = new LinearWarmupDecay(optimizer, options.LearningRate, (int)(options.Steps * options.WarmupFraction), options.Steps);
        var masking = new DynamicMasking(new MaskedLanguageModeling(vocabulary, options.MaskProbability), options.Seed);
        student.train();
        var losses = new List<double>(options.Steps);
        var (epoch, position, plan) = (0, 0, MlmPretrainer.EpochPlan(sequences.Count, options, 0));
        for (var step = 1; step <= options.Steps; step++)
        {
            if (position == plan.Length) (epoch, position, plan) = (epoch + 1, 0, MlmPretrainer.EpochPlan(sequences.Count, options, epoch + 1));
            var indices = plan[position++];
            using var batch = MlmBatch.Make(indices.Select(i => masking.Mask(sequences[i], epoch, i)).ToArray(), vocabulary.PaddingId);
            double loss = 0;
            // A batch with nothing masked has nothing to learn from: the step passes without an update.
            if (batch.MaskedCount > 0)
            {
                using var scope = torch.NewDisposeScope();
                optimizer.zero_grad();
                var hidden = Masked(student.forward(batch.Ids, batch.KeepMask), batch);
                var logits = head is null ? student.DecodeTokens(hidden) : head.forward(hidden);
                Tensor target;
                using (torch.no_grad()) target = teacher.Logits(Masked(teacher.Hidden(batch.Ids, batch.KeepMask), batch)).log_softmax(-1);
                var value = F.cross_entropy(logits, batch.MaskedLabels).mul(1 - lambda)
                    .add(F.kl_div(logits.log_softmax(-1), target, Reduction.BatchMean, log_target: true).mul(lambda));
                value.backward();
                GradientClipping.ClipGradNorm(trainable, options.MaxGradientNorm);
                optimizer.step();
                loss = value.item<double>();
            }
            schedule.Step();
            losses.Add(loss);
            progress?.Invoke(step, loss);
        }
        return losses;
    }

    private static Tensor Masked(Tensor hidden, MlmBatch batch) => hidden.reshape(-1, hidden.size(-1)).index_select(0, batch.MaskedPositions);
}
