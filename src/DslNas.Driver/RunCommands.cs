using System.CommandLine;
using System.Globalization;
using DslNas.Runs;

namespace DslNas.Driver;

/// <summary>The verbs over a run: run (every stage), one stage alone, extract, export, and evaluate.</summary>
internal static class RunCommands
{
    /// <summary>The command line as given, for --nproc to start its ranks with.</summary>
    internal static string[] CommandLine { get; set; } = [];

    /// <summary>Every stage that has not completed, then where the report is; with --seeds N, the whole run N times and a summary.</summary>
    public static int Run(RunFlags flags, ParseResult result)
    {
        var seeds = result.GetValue(flags.Seeds);
        if (seeds > 1 && flags.Request(result).Options.Distributed.Processes > 1)
            throw new RunInputException("--seeds runs one process per seed; give it without --nproc");
        if (seeds == 1)
            return With(flags, result, session =>
            {
                session.Run();
                if (session.Context.World.IsLeader && File.Exists(session.Context.Search.Report)) Console.WriteLine($"report: {session.Context.Search.Report}");
            });
        var request = flags.Request(result);
        SeedSweep.Run(request, seeds, new ConsoleRunEvents());
        Console.WriteLine($"summary: {Path.GetFullPath(Path.Combine(request.RunDirectory, "seeds.md"))}");
        return 0;
    }

    public static int Stage(RunFlags flags, ParseResult result, string stage) => With(flags, result, session => session.RunStage(stage));

    public static int Extract(RunFlags flags, ParseResult result, string? architecture, string? output, string? lengths) => Alone(flags, result, session =>
    {
        var (directory, text, parameters) = Extraction.Run(session, architecture, output, lengths);
        Console.WriteLine($"extracted {text}{(lengths is null ? "" : $" keeping {lengths} tokens per layer")} ({parameters:N0} encoder parameters) to {directory}");
    });

    public static int Export(RunFlags flags, ParseResult result, ExportRequest request) => Alone(flags, result, session =>
    {
        var exported = ModelExport.Run(session, request);
        Console.WriteLine($"exported {exported.Architecture} ({exported.Source}) to {exported.Directory}: {string.Join(", ", exported.Files)}");
    });

    public static int Evaluate(string model)
    {
        var evaluation = ModelEvaluation.Run(model, RunOptions.Defaults.Latency);
        var config = evaluation.Config;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{config.Space} model {config.Architecture}\ntest: accuracy {evaluation.Test.Accuracy:P2}, F1 {evaluation.Test.F1:F4} ({evaluation.Test.Count} examples of {config.Data.Data}, split seed {config.SplitSeed}); latency {evaluation.LatencyMs:F2} ms (batch {RunOptions.Defaults.Latency.Batch}, {config.MaxLength} tokens)"));
        return 0;
    }

    /// <summary>Work on a run that one process does (extract, export): refused with --nproc or a rank in the environment.</summary>
    private static int Alone(RunFlags flags, ParseResult result, Action<RunSession> work)
    {
        var request = flags.Request(result);
        if (request.Options.Distributed.Processes > 1 || DslNas.Distributed.RankEnvironment.FromEnvironment() is not null)
            throw new RunInputException($"'{result.CommandResult.Command.Name}' runs in one process; give it without --nproc and without RANK/WORLD_SIZE in the environment");
        return With(flags, result, work);
    }

    /// <summary>
    /// Opens the run and works on it, as this process's rank when the environment names one (rank 0 alone prints), or
    /// starts --nproc local ranks of this same command.
    /// </summary>
    private static int With(RunFlags flags, ParseResult result, Action<RunSession> work)
    {
        var request = flags.Request(result);
        if (RunLaunch.StartsLocalRanks(request)) return RunLaunch.StartLocalRanks(request, CommandLine, new ConsoleRunEvents());
        using var world = RunLaunch.Join(request, result.CommandResult.Command.Name);
        using var session = RunEngine.Open(request, world.IsLeader ? new ConsoleRunEvents() : new QuietRunEvents(), world);
        var context = session.Context;
        if (world.IsLeader)
            Console.WriteLine($"run directory: {context.Directory.Path} (method {session.Method.Name}, space {context.Space.Name}, search '{context.Search.Name}'{(world.Size > 1 ? $", {world.Size} ranks" : "")})");
        work(session);
        return 0;
    }
}
