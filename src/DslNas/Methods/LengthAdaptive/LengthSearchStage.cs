using System.Globalization;
using System.Text;
using System.Text.Json;
using DslNas.Artifacts;
using DslNas.Data.Batching;
using DslNas.Runs;
using DslNas.Search.Lengths;
using DslNas.Training;

namespace DslNas.Methods.LengthAdaptive;

/// <summary>
/// The search stage: the paper's evolutionary search over the trained model's length configurations, scored by
/// accuracy on the search split with the frozen weights against FLOPs. A budget never enters the search, so a search
/// record asked for only with another budget continues the run's stored search of the same settings (copying its
/// state; with more --iterations it searches further from there) instead of scoring the same genes again.
/// A FLOPs budget below the smallest configuration is refused before anything is scored. Writes state.json,
/// results.jsonl (every new gene) and front.csv.
/// </summary>
internal static class LengthSearchStage
{
    public static void Run(RunContext context)
    {
        var model = new LengthModel(context);
        var record = context.Search;
        var settings = model.Settings;
        var smallest = LengthConfiguration.ConstantRate(model.Layers, model.SequenceLength, settings.LengthDrop);
        LengthChoice.CheckFlopsBudget(context.Options.Search.MaxFlops, model.Flops(smallest), smallest);
        double Score(LengthConfiguration lengths) => SubnetScoring.Score(model.Supernet, model.With(lengths), context.Data.Search, new Batcher(64, 0)).Accuracy;
        if (!File.Exists(record.State) && Stored(context, settings) is { } stored)
        {
            AtomicFile.WriteAllText(record.State, File.ReadAllText(stored.Path));
            context.Log($"length search: continuing the search of record '{stored.Name}' ({stored.Iterations} of {settings.Options.Iterations} iterations done); nothing is retrained");
        }
        var search = File.Exists(record.State)
            ? model.Search(Score)
            : new LengthEvolution(model.Layers, model.SequenceLength, settings, c => model.Flops(c), Score);
        if (search.Iteration < 0 && File.Exists(record.Results)) File.Delete(record.Results);
        else if (File.Exists(record.Results)) KeepSaved(record.Results, search);
        context.Timed("length search", () => context.Events.Progress($"length search '{record.Name}'", report =>
        {
            search.Run(record.State,
                afterIteration: s => context.Log(string.Create(CultureInfo.InvariantCulture,
                    $"length search iteration {s.Iteration}/{settings.Options.Iterations}: {s.Evaluated.Count} configurations scored, population {s.Population.Count}, area under the front {s.Areas[^1]:F4}")),
                afterEvaluation: e =>
                {
                    File.AppendAllText(record.Results, JsonSerializer.Serialize(new { lengths = e.Lengths.Lengths, flops = e.Cost, accuracy = e.Score }) + "\n");
                    report(search.Iteration + 1, settings.Options.Iterations + 1, $"{search.Evaluated.Count} scored");
                });
            return 0;
        }));
        File.WriteAllText(Files.Front(context), FrontCsv(search.Front));
        context.Events.Table(new ResultTable($"length front of search '{record.Name}' (accuracy on the search split, frozen weights)",
            ["lengths", "FLOPs", "relative FLOPs", "accuracy"],
            search.Front.Select(e => (IReadOnlyList<string>)[e.Lengths.ToString(), e.Cost.ToString("N0", CultureInfo.InvariantCulture),
                (e.Cost / search.UpperBound).ToString("P1", CultureInfo.InvariantCulture), e.Score.ToString("P2", CultureInfo.InvariantCulture)]).ToList()));
    }

    /// <summary>
    /// A search killed within an iteration appended scores that its saved state does not hold, and scores them again
    /// when it resumes: only the lines of configurations the state holds are kept (a line cut short by the kill too is dropped).
    /// </summary>
    private static void KeepSaved(string results, LengthEvolution search)
    {
        var saved = search.Evaluated.Select(e => e.Lengths.ToString()).ToHashSet(StringComparer.Ordinal);
        var kept = File.ReadLines(results).Where(line => ScoredLengths(line) is { } lengths && saved.Contains(lengths)).ToList();
        AtomicFile.WriteAllText(results, string.Concat(kept.Select(line => line + "\n")));
    }

    private static string? ScoredLengths(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return string.Join(",", document.RootElement.GetProperty("lengths").EnumerateArray().Select(e => e.GetInt32()));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Another record's saved search with the same settings and at most as many iterations, the furthest one.</summary>
    private static (string Name, string Path, int Iterations)? Stored(RunContext context, LengthEvolution.Settings settings)
    {
        (string, string, int)? best = null;
        foreach (var name in context.Directory.SearchNames().Where(n => n != context.Search.Name))
        {
            var state = context.Directory.Search(name).State;
            if (LengthEvolution.CompletedWith(state, settings) is { } done && done <= settings.Options.Iterations && (best is null || done > best.Value.Item3))
                best = (name, state, done);
        }
        return best;
    }

    public static string FrontCsv(IEnumerable<ScoredLengths> front)
    {
        var csv = new StringBuilder("lengths,flops,accuracy\n");
        foreach (var e in front) csv.Append(CultureInfo.InvariantCulture, $"\"{e.Lengths}\",{e.Cost:R},{e.Score:R}\n");
        return csv.ToString();
    }
}
