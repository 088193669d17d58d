using System.CommandLine;
using System.Globalization;
using DslNas.Hardware;
using DslNas.Runs;

namespace DslNas.Driver;

/// <summary>latency-table: builds (or shows the cached) lookup table of a space on this machine and prints its parts.</summary>
internal static class LatencyTableCommand
{
    public static Command Create()
    {
        var defaults = RunOptions.Defaults;
        var space = new Option<string>("--space") { Description = "the search space (see 'spaces')", DefaultValueFactory = _ => defaults.Space };
        var length = new Option<int>("--max-length") { Description = "tokens per text", DefaultValueFactory = _ => defaults.Data.MaxLength };
        var batch = new Option<int>("--latency-batch") { Description = "batch size of the measurements", DefaultValueFactory = _ => defaults.Latency.Batch };
        var rebuild = new Option<bool>("--rebuild") { Description = "measure again even if a valid table is cached" };
        var cache = new Option<string?>("--cache") { Description = "the cache directory (default: $DSLNAS_CACHE or ~/.cache/dslnas)" };
        var command = new Command("latency-table", "measure each operation of a space on this machine (cached per machine and libtorch) and print the lookup table")
            { space, length, batch, rebuild, cache };
        command.SetAction(result => Run(result.GetValue(space)!, result.GetValue(length), result.GetValue(batch), result.GetValue(rebuild), result.GetValue(cache)));
        return command;
    }

    private static int Run(string spaceName, int length, int batch, bool rebuild, string? cache)
    {
        var space = SpaceCatalog.Get(spaceName);
        var latency = RunOptions.Defaults.Latency;
        if (length < 1) throw new RunInputException($"--max-length must be positive, got {length}");
        if (batch < 1) throw new RunInputException($"--latency-batch must be positive, got {batch}");
        var meter = (latency with { Batch = batch }).Meter(length, cache);
        var events = new ConsoleRunEvents();
        var table = LatencyTableCache.Get(space, meter, events, cache, rebuild);
        events.Table(new ResultTable(
            $"latency table of '{table.Space}' on {table.Machine} ({table.Settings})",
            ["part", "median (ms)", "quartiles (ms)"],
            table.Entries.Select(e => (IReadOnlyList<string>)[e.Part.ToString(), Ms(e.MedianMs), $"{Ms(e.LowerQuartileMs)} - {Ms(e.UpperQuartileMs)}"]).ToList()));
        var errors = table.FitErrors.Select(Math.Abs).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"an architecture's latency = the sum of its parts + {table.ConstantMs:F3} ms; on the {errors.Count} whole architectures the constant was fitted on, median error {errors[errors.Count / 2]:P1}, largest {errors[^1]:P1}"));
        return 0;
    }

    private static string Ms(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
