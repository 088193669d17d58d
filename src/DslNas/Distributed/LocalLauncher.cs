using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using DslNas.Runs;

namespace DslNas.Distributed;

/// <summary>
/// Starts N local ranks as torchrun's standalone mode does: N processes running this same command, each told its rank
/// through the environment (RANK, WORLD_SIZE, MASTER_ADDR=127.0.0.1, a free MASTER_PORT, LOCAL_RANK) and given cores / N
/// intra-op threads (DSLNAS_THREADS, unless set). When a rank fails the others get the timeout to stop on their own
/// (they notice within it), then are killed; the exit code is the first failure's.
/// </summary>
public static class LocalLauncher
{
    public const string ThreadsVariable = "DSLNAS_THREADS";

    public static int Run(IReadOnlyList<string> arguments, int processes, TimeSpan timeout, IRunEvents events) =>
        Run(SelfCommand(), arguments, processes, timeout, events);

    /// <summary>Starts <paramref name="program"/> (an executable and its first arguments) as every rank.</summary>
    internal static int Run((string File, string[] Prefix) program, IReadOnlyList<string> arguments, int processes, TimeSpan timeout, IRunEvents events)
    {
        if (processes < 1) throw new RunInputException($"--nproc must be at least 1, got {processes}");
        var world = new RankEnvironment(0, processes, "127.0.0.1", FreePort(), 0);
        var threads = Environment.GetEnvironmentVariable(ThreadsVariable) ?? Math.Max(1, Environment.ProcessorCount / processes).ToString(CultureInfo.InvariantCulture);
        var (file, prefix) = program;
        var ranks = new List<Process>();
        try
        {
            for (var rank = 0; rank < processes; rank++)
            {
                var start = new ProcessStartInfo(file) { UseShellExecute = false };
                foreach (var argument in prefix.Concat(arguments)) start.ArgumentList.Add(argument);
                foreach (var (name, value) in world.Variables(rank, rank)) start.Environment[name] = value;
                start.Environment[ThreadsVariable] = threads;
                ranks.Add(Process.Start(start) ?? throw new InvalidOperationException($"rank {rank} could not be started ({file})"));
            }
            events.Log($"started {processes} ranks (rendezvous 127.0.0.1:{world.MasterPort}, {threads} thread(s) each)");
            return Supervise(ranks, timeout, events);
        }
        finally
        {
            foreach (var process in ranks) process.Dispose();
        }
    }

    private static int Supervise(List<Process> ranks, TimeSpan timeout, IRunEvents events)
    {
        int? failure = null;
        var deadline = DateTime.MaxValue;
        var running = ranks.Select((p, rank) => (Process: p, Rank: rank)).ToList();
        while (running.Count > 0)
        {
            var wait = deadline == DateTime.MaxValue ? Timeout.InfiniteTimeSpan : deadline - DateTime.UtcNow;
            if (wait != Timeout.InfiniteTimeSpan && wait < TimeSpan.Zero) wait = TimeSpan.Zero;
            var finished = Task.WaitAny(running.Select(r => r.Process.WaitForExitAsync()).ToArray(), wait);
            if (finished < 0)
            {
                foreach (var (process, rank) in running)
                {
                    events.Log($"rank {rank} did not stop within {timeout.TotalSeconds:0.#} s of the failure; killing it");
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                }
                break;
            }
            var (done, doneRank) = running[finished];
            running.RemoveAt(finished);
            if (done.ExitCode == 0 || failure is not null) continue;
            failure = done.ExitCode;
            deadline = DateTime.UtcNow + timeout + TimeSpan.FromSeconds(5);
            events.Log($"rank {doneRank} failed (exit code {done.ExitCode}); the other ranks stop within {timeout.TotalSeconds:0.#} s");
        }
        return failure ?? 0;
    }

    /// <summary>This program as a command: its executable, or dotnet and the entry assembly.</summary>
    private static (string File, string[] Prefix) SelfCommand()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this program is unknown; start the ranks with torchrun's environment instead of --nproc");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("the entry assembly is unknown; start the ranks with torchrun's environment instead of --nproc")])
            : (process, []);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
