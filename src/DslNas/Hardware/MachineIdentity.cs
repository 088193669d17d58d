using System.Diagnostics;
using DslNas.Torch;

namespace DslNas.Hardware;

/// <summary>
/// The machine and runtime a latency figure was taken on: host name, processor model, logical cores and the libtorch
/// library the process runs (its version and file). Cached measurements (lookup tables, predictors) are reused only on
/// the same identity.
/// </summary>
public sealed record MachineIdentity(string Host, string Processor, int Cores, string Libtorch)
{
    public static MachineIdentity Current { get; } = new(Environment.MachineName, ProcessorModel(), Environment.ProcessorCount, LoadedLibtorch());

    /// <summary>What differs from <paramref name="other"/>, in words; null when nothing does.</summary>
    public string? Difference(MachineIdentity other)
    {
        var differences = new List<string>();
        if (Host != other.Host) differences.Add($"host '{Host}', not '{other.Host}'");
        if (Processor != other.Processor) differences.Add($"processor '{Processor}', not '{other.Processor}'");
        if (Cores != other.Cores) differences.Add($"{Cores} cores, not {other.Cores}");
        if (Libtorch != other.Libtorch) differences.Add($"libtorch {Libtorch}, not {other.Libtorch}");
        return differences.Count == 0 ? null : string.Join(", ", differences);
    }

    public override string ToString() => $"{Host} ({Processor}, {Cores} cores, libtorch {Libtorch})";

    /// <summary>
    /// The libtorch CPU library loaded into this process, as "version (path, size)": the version from the file name
    /// (Debian's libtorch_cpu.so.1.13.0) or from an official distribution's build-version file, and the file itself,
    /// so that another build of the same version also counts as another libtorch.
    /// </summary>
    private static string LoadedLibtorch()
    {
        torch.get_num_threads();
        var library = Process.GetCurrentProcess().Modules.Cast<ProcessModule>()
            .Select(m => m.FileName)
            .FirstOrDefault(f => Path.GetFileName(f).StartsWith("libtorch_cpu.", StringComparison.Ordinal));
        if (library is null) return "unknown";
        var name = Path.GetFileName(library);
        var suffix = name.IndexOf(".so.", StringComparison.Ordinal) is var at and >= 0 ? name[(at + 4)..] : null;
        var buildVersion = Path.Combine(Path.GetDirectoryName(library) ?? "", "..", "build-version");
        var version = suffix ?? (File.Exists(buildVersion) ? File.ReadAllText(buildVersion).Trim() : "unversioned");
        return $"{version} ({library}, {new FileInfo(library).Length} bytes)";
    }

    private static string ProcessorModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (File.Exists(cpuInfo))
            foreach (var line in File.ReadLines(cpuInfo))
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is var colon and >= 0)
                    return line[(colon + 1)..].Trim();
        return $"{System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture} processor";
    }
}
