using System.Text;

namespace DslNas.Artifacts;

/// <summary>
/// Writes a file whole or not at all: into a temporary file beside it, flushed to disk (fsync), then renamed over it.
/// A process killed at any moment leaves either the previous file or the new one, never a truncated mix; a write that
/// fails (a full disk, a read-only directory) leaves the previous file as it was and says so.
/// </summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text) => Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(text)));

    public static void Write(string path, Action<Stream> write)
    {
        var temporary = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Discard(temporary);
            throw new IOException($"{path}: could not be written ({e.Message}); {(File.Exists(path) ? "the previous file is unchanged" : "nothing was written")}", e);
        }
    }

    private static void Discard(string temporary)
    {
        try
        {
            if (File.Exists(temporary) || new FileInfo(temporary).LinkTarget is not null) File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary file cannot be removed where nothing can be written; the next write replaces it.
        }
    }
}
