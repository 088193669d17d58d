using System.Diagnostics;
using System.Globalization;
using System.Text;
using DslNas.Bench.Runtime;
using DslNas.Data.Corpora;
using DslNas.Data.Text;

namespace DslNas.Bench.Tokenizer;

/// <summary>WordPiece tokenization throughput on one thread over the shipped SpamAssassin texts, in MB of UTF-8 per second.</summary>
public static class TokenizerBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var rounds = options.Int("rounds", 5);
        var vocabularySize = options.Int("vocabulary", 8000);
        var splits = SpamAssassin.Shipped();
        var texts = splits.Train.Select(e => e.Text).ToArray();
        var bytes = texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
        var trainClock = Stopwatch.StartNew();
        var vocabulary = new WordPieceTrainer(vocabularySize).Train(texts);
        var trainSeconds = trainClock.Elapsed.TotalSeconds;
        var tokenizer = new WordPieceTokenizer(vocabulary);

        long tokens = 0;
        foreach (var text in texts.Take(200)) tokens += tokenizer.Encode(text).Count;
        var rates = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            tokens = 0;
            var clock = Stopwatch.StartNew();
            foreach (var text in texts) tokens += tokenizer.Encode(text).Count;
            rates.Add(bytes / 1e6 / clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tokenizer benchmark: {texts.Length} texts, {bytes / 1e6:F2} MB, {tokens} tokens, vocabulary {vocabulary.Count} (trained in {trainSeconds:F1} s), one thread"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median throughput over {rounds} rounds: {Median.Of(rates):F2} MB/s (target >= 1 MB/s)"));
        return 0;
    }
}
