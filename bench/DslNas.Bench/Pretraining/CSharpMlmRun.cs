using System.Diagnostics;
using DslNas.Bench.Runtime;
using DslNas.Data.Text;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training.Pretraining;

namespace DslNas.Bench.Pretraining;

/// <summary>
/// Times MlmPretrainer's steps on random packed text (the same work as peers/mlm_pytorch.py's steps), with matrix
/// products in the given precision.
/// </summary>
public static class CSharpMlmRun
{
    public static List<double> Measure(EncoderShape shape, int warmup, int repeats, MatmulPrecision precision = MatmulPrecision.Float32)
    {
        using var products = torch.matmul_precision(precision);
        torch.manual_seed(0);
        var vocabulary = new Vocabulary(Vocabulary.SpecialTokens.Concat(Enumerable.Range(0, shape.Vocab - Vocabulary.SpecialTokens.Count).Select(i => $"w{i}")));
        var steps = warmup + repeats;
        var random = new Random(0);
        var texts = Enumerable.Range(0, steps * shape.Batch * 2).Select(_ =>
            Enumerable.Range(0, random.Next(20, 200)).Select(_ => random.Next(Vocabulary.SpecialTokens.Count, shape.Vocab)).ToArray());
        var sequences = SequencePacking.Pack(texts, vocabulary, shape.Seq).Take(steps * shape.Batch).ToList();
        using var model = new MlmModel(TransformerEncoderConfig.Uniform(shape.Vocab, shape.Seq, shape.Hidden, shape.Layers, shape.Heads, shape.Ffn));
        using var trainer = new MlmPretrainer(model, vocabulary, sequences, new MlmPretrainingOptions(Steps: steps, BatchSize: shape.Batch));

        var times = new List<double>(repeats);
        var last = Stopwatch.GetTimestamp();
        trainer.Train(progress: (step, _) =>
        {
            var now = Stopwatch.GetTimestamp();
            if (step > warmup) times.Add(Stopwatch.GetElapsedTime(last, now).TotalMilliseconds);
            last = now;
        });
        return times;
    }
}
