using DslNas.Runs;

namespace DslNas.Methods.LengthAdaptive;

/// <summary>The files a length-adaptive run writes besides the run's and search record's usual ones.</summary>
internal static class Files
{
    /// <summary>The run's length-training.json (<see cref="LengthTrainingSummary"/>).</summary>
    public static string Training(RunContext context) => Path.Combine(context.Directory.Path, "length-training.json");

    /// <summary>The search record's front.csv: the searched front's lengths, FLOPs and accuracy on the search split.</summary>
    public static string Front(RunContext context) => Path.Combine(context.Search.Path, "front.csv");

    /// <summary>The search record's comparison.json (<see cref="ComparisonResult"/>).</summary>
    public static string Comparison(RunContext context) => Path.Combine(context.Search.Path, "comparison.json");

    /// <summary>The search record's lengths.svg: accuracy against FLOPs and measured latency, and masked-token accuracy against FLOPs.</summary>
    public static string Plot(RunContext context) => Path.Combine(context.Search.Path, "lengths.svg");
}
