using System.Globalization;
using DslNas.Artifacts;

namespace DslNas.Runs;

/// <summary>The process that holds a run directory's lock, as run.holder names it.</summary>
public sealed record RunLockHolder(int ProcessId, string Host, DateTime Started)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"process {ProcessId} on {Host} (since {Started:yyyy-MM-dd HH:mm:ss} UTC)");
}

/// <summary>
/// One writer per run directory: an exclusive lock held by the operating system on run.lock (flock on Linux and
/// macOS, a handle shared with no one on Windows) while a run is open, and run.holder naming the holder. A second
/// process is refused with the holder's name. The operating system drops the lock of a process that dies, so a killed
/// run's lock is recovered by the next process, which says whose it was; run.lock itself is never deleted, so two
/// processes can never lock two different files of the same name.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream handle;
    private readonly string holderPath;

    private RunLock(FileStream handle, string holderPath, RunLockHolder? stale)
    {
        this.handle = handle;
        this.holderPath = holderPath;
        Stale = stale;
    }

    /// <summary>The holder of a lock that its process never released (it was killed), recovered by this one.</summary>
    public RunLockHolder? Stale { get; }

    /// <summary>Locks the run directory (creating it), or throws an <see cref="IOException"/> naming the process that holds it.</summary>
    public static RunLock Acquire(RunDirectory directory)
    {
        FileStream handle;
        try
        {
            Directory.CreateDirectory(directory.Path);
            handle = new FileStream(directory.Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (HeldElsewhere(e))
        {
            var holder = ReadHolder(directory.LockHolder);
            throw new IOException($"the run directory {directory.Path} is in use by {holder?.ToString() ?? "another process"}; one process writes a run directory at a time: " +
                                  "wait for it to finish or stop it, or use another --run directory", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"the run directory {directory.Path} cannot be locked for writing ({e.Message}); nothing was changed", e);
        }
        try
        {
            var stale = ReadHolder(directory.LockHolder);
            JsonArtifact.Save(directory.LockHolder, new RunLockHolder(Environment.ProcessId, Environment.MachineName, DateTime.UtcNow));
            return new RunLock(handle, directory.LockHolder, stale);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Whether opening failed because another handle holds the lock (EWOULDBLOCK on Linux and macOS, a sharing violation on Windows).</summary>
    private static bool HeldElsewhere(IOException e) => OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) == 32 : e.HResult == (OperatingSystem.IsLinux() ? 11 : 35);

    private static RunLockHolder? ReadHolder(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonArtifact.Load<RunLockHolder>(path, "run lock holder", "no holder");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Forgets the holder, then releases the lock (in this order, so the next holder's name is never removed).</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(holderPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A holder left behind only makes the next process report a recovered lock.
        }
        handle.Dispose();
    }
}
