namespace DslNas.Data.Tasks;

/// <summary>Accuracy and F1 of predicted class indices; F1 treats <c>positiveClass</c> as positive (binary) or averages over classes (macro).</summary>
public sealed record ClassificationMetrics(double Accuracy, double F1, int Count)
{
    public static ClassificationMetrics Compute(IReadOnlyList<int> predicted, IReadOnlyList<int> actual, int classes, int? positiveClass = null)
    {
        if (predicted.Count != actual.Count) throw new ArgumentException($"{predicted.Count} predictions for {actual.Count} labels");
        if (actual.Count == 0) throw new ArgumentException("no examples to score");
        var correct = predicted.Zip(actual).Count(p => p.First == p.Second);
        double F1Of(int c)
        {
            var truePositive = predicted.Zip(actual).Count(p => p.First == c && p.Second == c);
            var predictedPositive = predicted.Count(p => p == c);
            var actualPositive = actual.Count(a => a == c);
            return predictedPositive + actualPositive == 0 ? 0 : 2.0 * truePositive / (predictedPositive + actualPositive);
        }
        var f1 = positiveClass is { } positive ? F1Of(positive) : Enumerable.Range(0, classes).Average(F1Of);
        return new ClassificationMetrics((double)correct / actual.Count, f1, actual.Count);
    }
}
