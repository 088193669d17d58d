using System.Net;
using System.Net.Sockets;
using DslNas.Distributed;

namespace DslNas.Spaces.Tests.Distributed;

/// <summary>Ranks as threads of the test process, joined over loopback (TCPStore and Gloo serve threads as they serve processes).</summary>
internal static class Ranks
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs <paramref name="work"/> as every rank of a fresh world, one thread each; returns each rank's result.</summary>
    public static T[] Run<T>(int size, Func<DistributedWorld, T> work, TimeSpan? timeout = null)
    {
        var port = FreePort();
        var tasks = Enumerable.Range(0, size).Select(rank => Task.Factory.StartNew(() =>
        {
            using var world = DistributedWorld.Join(new RankEnvironment(rank, size, "127.0.0.1", port, rank), timeout ?? TimeSpan.FromSeconds(20));
            return work(world);
        }, TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(tasks);
        return tasks.Select(t => t.Result).ToArray();
    }
}
