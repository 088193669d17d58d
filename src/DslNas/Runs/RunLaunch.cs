using DslNas.Distributed;

namespace DslNas.Runs;

/// <summary>
/// How an invocation of a run verb becomes ranks: --nproc N starts N local ranks of the same command; a process whose
/// environment names its rank (torchrun's variables, or a rank --nproc started) joins the others and checks that they
/// were all started alike; any other process is a world of its own.
/// </summary>
public static class RunLaunch
{
    /// <summary>Whether this process should start local ranks instead of working itself.</summary>
    public static bool StartsLocalRanks(RunRequest request) => request.Options.Distributed.Processes > 1 && RankEnvironment.FromEnvironment() is null;

    /// <summary>Starts the local ranks on <paramref name="arguments"/> (with the run directory pinned, so that all open the same one).</summary>
    public static int StartLocalRanks(RunRequest request, IReadOnlyList<string> arguments, IRunEvents events)
    {
        request.Options.Distributed.Validate();
        var pinned = arguments.Any(a => a == "--run" || a.StartsWith("--run=", StringComparison.Ordinal) || a.StartsWith("--run:", StringComparison.Ordinal))
            ? arguments
            : [.. arguments, "--run", request.RunDirectory];
        return LocalLauncher.Run(pinned, request.Options.Distributed.Processes, request.Options.Distributed.Timeout, events);
    }

    /// <summary>The world this process is a rank of, joined and checked; <see cref="DistributedWorld.Single"/> outside one.</summary>
    public static DistributedWorld Join(RunRequest request, string verb)
    {
        request.Options.Distributed.Validate();
        if (RankEnvironment.FromEnvironment() is not { } environment) return DistributedWorld.Single;
        var processes = request.Options.Distributed.Processes;
        if (processes > 1 && processes != environment.WorldSize)
            throw new RunInputException($"--nproc {processes} disagrees with {RankEnvironment.WorldSizeVariable}={environment.WorldSize} in the environment; give one of them");
        var world = DistributedWorld.Join(environment, request.Options.Distributed.Timeout);
        try
        {
            LaunchAgreement.Check(world, LaunchAgreement.Describe(request, verb));
            return world;
        }
        catch
        {
            world.Dispose();
            throw;
        }
    }
}
