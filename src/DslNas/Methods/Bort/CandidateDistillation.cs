using DslNas.Data.Text;
using DslNas.Runs;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training.Distillation;
using DslNas.Training.Pretraining;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Methods.Bort;

/// <summary>
/// Pre-training of a candidate from random weights by distillation from the run's teacher (<see cref="MlmDistillationLoss"/>):
/// every candidate gets the same steps, batch order, masks and seed, on the task's training texts packed into full
/// sequences; its error e is the held-out MLM loss (cross entropy per masked token) on the first
/// <see cref="HeldOutSequences"/> packed sequences of the task's validation texts, masked once for all candidates.
/// Test text is never read. Every candidate sees the same batches, so the teacher's targets are computed once and
/// shared (<see cref="MlmTeacherTargets"/>): a candidate pays for its own steps alone.
/// </summary>
internal sealed class CandidateDistillation : IDisposable
{
    private const int HeldOutSequences = 256;

    private readonly MlmTeacher teacher;
    private readonly MlmTeacherTargets targets;
    private readonly Vocabulary vocabulary;
    private readonly IReadOnlyList<int[]> sequences;
    private readonly MlmEvaluation evaluation;
    private readonly RunOptions options;

    public CandidateDistillation(RunContext context)
    {
        teacher = RunTeacher.LoadMlm(context)
                  ?? throw new RunInputException("bort distils every candidate from the run's teacher: use --teacher pretrain or a BERT-layout directory, not --teacher none");
        targets = new MlmTeacherTargets(teacher, temperature: 2.0);
        options = context.Options;
        vocabulary = context.Data.Vocabulary;
        var tokenizer = new WordPieceTokenizer(vocabulary);
        var splits = context.Data.Splits;
        sequences = SequencePacking.Pack(splits.Train.Select(e => e.Text), tokenizer, options.Data.MaxLength);
        var heldOut = splits.Validation.Select(e => e.Text);
        evaluation = new MlmEvaluation(SequencePacking.Pack(heldOut, tokenizer, options.Data.MaxLength).Take(HeldOutSequences).ToList(), vocabulary, seed: options.Seed);
    }

    /// <summary>The teacher's held-out loss on the same masks: the lower bound the FPTAS assumes no briefly trained candidate beats.</summary>
    public double TeacherError()
    {
        return evaluation.Evaluate(teacher.Hidden, teacher.Logits).Loss;
    }

    /// <summary>A candidate pre-trained for <paramref name="steps"/> distillation steps, and its held-out MLM loss.</summary>
    public (MlmModel Model, double Error) Train(BortCandidate candidate, int steps, Action<int>? progress = null)
    {
        torch.manual_seed(options.Seed);
        var model = new MlmModel(candidate.Config(vocabulary.Count, options.Data.MaxLength));
        try
        {
            var loss = new MlmDistillationLoss(model, targets);
            var training = new MlmPretrainingOptions(Steps: steps, LearningRate: options.Teacher.LearningRate, BatchSize: options.Teacher.BatchSize, Seed: options.Seed);
            using (var trainer = new MlmPretrainer(model, vocabulary, sequences, training, loss.Loss))
                trainer.Train(progress: progress is null ? null : (step, _) => progress(step));
            return (model, evaluation.Evaluate(model).Loss);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public void Dispose() => targets.Dispose();
}
