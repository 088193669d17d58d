using System.Diagnostics;
using System.Globalization;
using System.Text;
using DslNas.Runs;
using DslNas.Search.Ose;

namespace DslNas.Methods.Bort;

/// <summary>
/// The search stage: the FPTAS over the grid, training (briefly, by distillation) only the candidates it asks for; with
/// --exhaustive, every candidate first, then the FPTAS on the same errors, so its pick's W is compared with the maximum
/// and the two searches' training counts and times side by side. Trained errors go to errors.jsonl as they come
/// (<see cref="CandidateErrorLog"/>), so a killed search resumes without training them again.
/// </summary>
internal static class BortSearchStage
{
    public static readonly IWCoefficient W = new RatioWCoefficient();

    public static void Run(RunContext context)
    {
        var options = context.Options.Bort;
        var grid = BortGrid.Load(BortFiles.Grid(context));
        var candidates = grid.Candidates;
        using var distillation = new CandidateDistillation(context);
        var teacherError = distillation.TeacherError();
        var maximumPoint = grid.MaximumPoint;
        var maximum = new OsePoint(maximumPoint.Parameters, maximumPoint.Inference, teacherError);
        context.Log(string.Create(CultureInfo.InvariantCulture, $"teacher's held-out MLM loss {teacherError:F4}: the error lower bound of the FPTAS"));
        if (options.Exhaustive && candidates.Count > BortGrid.MaxExhaustive)
            throw new RunInputException(string.Create(CultureInfo.InvariantCulture,
                $"--exhaustive: the grid has {candidates.Count} candidates, more than the {BortGrid.MaxExhaustive} an exhaustive search takes; at {options.CandidateSteps} steps each " +
                $"it would take about {Estimate(distillation, grid, options.CandidateSteps) / 3600:F1} hours here. Drop --exhaustive, or shrink the grid (--hidden-divisor, a smaller space)"));

        var log = CandidateErrorLog.Open(BortFiles.Errors(context));
        var known = log.Known;
        var costs = candidates.Select(c => ((double)c.Parameters, c.Inference)).ToList();
        double Error(int index)
        {
            if (known.TryGetValue(index, out var done)) return done.Error;
            var candidate = candidates[index];
            var clock = Stopwatch.StartNew();
            var (model, error) = context.Events.Progress($"candidate {candidate.Name}", report => distillation.Train(candidate, options.CandidateSteps, step => report(step, options.CandidateSteps, null)));
            model.Dispose();
            var record = new CandidateError(index, error, clock.Elapsed.TotalSeconds);
            log.Append(record);
            context.Log(string.Create(CultureInfo.InvariantCulture, $"candidate {candidate.Name}: held-out MLM loss {error:F4} ({record.Seconds:F1} s)"));
            return error;
        }

        OseSelection? exhaustive = null;
        double? exhaustiveSeconds = null;
        if (options.Exhaustive)
        {
            exhaustive = context.Timed("exhaustive search", () => OseFptas.Exhaustive(costs, maximum, W, Error));
            exhaustiveSeconds = exhaustive.Steps.Sum(s => known[s.Candidate].Seconds);
        }
        var fptas = context.Timed("FPTAS", () => OseFptas.Select(costs, maximum, teacherError, options.Epsilon, W, Error));
        var selection = new BortSelection(W.Name, options.Epsilon, maximum, fptas, fptas.Steps.Sum(s => known[s.Candidate].Seconds), exhaustive, exhaustiveSeconds);
        selection.Save(BortFiles.Selection(context));
        File.WriteAllText(BortFiles.Candidates(context), CandidatesCsv(grid, known, maximum, selection));
        File.WriteAllText(BortFiles.Trace(context), TraceCsv(grid, fptas));
        foreach (var warning in fptas.Warnings) context.Log("warning: " + warning);
        context.Log($"FPTAS: {fptas.Stop}");
        var chosen = candidates[fptas.Chosen];
        context.Log(string.Create(CultureInfo.InvariantCulture, $"FPTAS pick: {chosen.Name}, W {fptas.ChosenW:G6}, trained {fptas.Trained} of {candidates.Count} in {selection.FptasSeconds:F1} s"));
        if (exhaustive is not null)
            context.Log(string.Create(CultureInfo.InvariantCulture,
                $"exhaustive maximum: {candidates[exhaustive.Chosen].Name}, W {exhaustive.ChosenW:G6}, trained {exhaustive.Trained} in {exhaustiveSeconds:F1} s; " +
                $"the FPTAS pick's W is {selection.Ratio:F4} of it, {(selection.WithinGuarantee == true ? "within" : "outside")} the guarantee 1 - epsilon = {1 - options.Epsilon:F4}"));
        context.Events.Table(SearchTable(grid, selection));
    }

    /// <summary>
    /// Seconds an exhaustive search would take: the teacher's targets once, then every candidate's own steps, the maximum
    /// point's step time (the difference of a 3-step and a 1-step run on kept targets, so that the held-out scoring
    /// cancels out) scaled by the candidate's FLOPs. The teacher's step time is what a first 3-step run took beyond that.
    /// </summary>
    private static double Estimate(CandidateDistillation distillation, BortGrid grid, int steps)
    {
        double Seconds(int n)
        {
            var clock = Stopwatch.StartNew();
            distillation.Train(grid.MaximumPoint, n).Model.Dispose();
            return clock.Elapsed.TotalSeconds;
        }
        var cold = Seconds(3);
        var once = Seconds(1);
        var perStep = Math.Max(0, Seconds(3) - once) / 2;
        var teacherPerStep = Math.Max(0, cold - once - 2 * perStep) / 3;
        return teacherPerStep * steps + grid.Candidates.Sum(c => (perStep * steps + once - perStep) * c.Flops / (double)grid.MaximumPoint.Flops);
    }

    private static string CandidatesCsv(BortGrid grid, IReadOnlyDictionary<int, CandidateError> known, OsePoint maximum, BortSelection selection)
    {
        var text = new StringBuilder("index,name,layers,heads,hidden,ffn,parameters,flops,inference,error,w,seconds,fptas_order,chosen\n");
        var order = selection.Fptas.Steps.ToDictionary(s => s.Candidate, s => s.Order);
        foreach (var c in grid.Candidates)
        {
            var has = known.TryGetValue(c.Index, out var e);
            var w = has ? W.Score(new OsePoint(c.Parameters, c.Inference, e!.Error), maximum) : (double?)null;
            text.Append(CultureInfo.InvariantCulture, $"{c.Index},{c.Name},{c.Layers},{c.Heads},{c.Hidden},{c.Ffn},{c.Parameters},{c.Flops},{c.Inference:R},")
                .Append(CultureInfo.InvariantCulture, $"{(has ? e!.Error.ToString("R", CultureInfo.InvariantCulture) : "")},{w?.ToString("R", CultureInfo.InvariantCulture)},")
                .Append(CultureInfo.InvariantCulture, $"{(has ? e!.Seconds.ToString("F2", CultureInfo.InvariantCulture) : "")},{(order.TryGetValue(c.Index, out var o) ? o.ToString(CultureInfo.InvariantCulture) : "")},")
                .Append(c.Index == selection.Fptas.Chosen ? "fptas" : "").Append(selection.Exhaustive?.Chosen == c.Index ? (c.Index == selection.Fptas.Chosen ? "+maximum" : "maximum") : "").Append('\n');
        }
        return text.ToString();
    }

    private static string TraceCsv(BortGrid grid, OseSelection fptas)
    {
        var text = new StringBuilder("order,index,name,upper_bound,error,w,best_w,why\n");
        foreach (var s in fptas.Steps)
            text.Append(CultureInfo.InvariantCulture, $"{s.Order},{s.Candidate},{grid.Candidates[s.Candidate].Name},{s.UpperBound:R},{s.Error:R},{s.W:R},{s.BestW:R},")
                .Append("largest upper bound on W among the untrained candidates\n");
        text.Append(CultureInfo.InvariantCulture, $",,,,,,,\"{fptas.Stop}\"\n");
        return text.ToString();
    }

    public static ResultTable SearchTable(BortGrid grid, BortSelection selection)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            Row("FPTAS (epsilon " + selection.Epsilon.ToString(CultureInfo.InvariantCulture) + ")", grid, selection.Fptas, selection.FptasSeconds),
        };
        if (selection.Exhaustive is { } exhaustive) rows.Add(Row("exhaustive", grid, exhaustive, selection.ExhaustiveSeconds ?? 0));
        return new ResultTable("Bort's search: the pick by W-coefficient (" + selection.WCoefficient + ")", ["search", "pick", "W", "candidates trained", "training time (s)"], rows);
    }

    private static IReadOnlyList<string> Row(string name, BortGrid grid, OseSelection selection, double seconds) =>
        [name, grid.Candidates[selection.Chosen].Name, selection.ChosenW.ToString("G6", CultureInfo.InvariantCulture),
            $"{selection.Trained} of {grid.Candidates.Count}", seconds.ToString("F1", CultureInfo.InvariantCulture)];
}
