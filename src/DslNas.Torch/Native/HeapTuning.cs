using System.Runtime.InteropServices;

namespace DslNas.Torch.Native;

/// <summary>
/// glibc serves every allocation above its mmap threshold (128 KiB at first, raised as such blocks are freed) with
/// a fresh mapping and returns it on free, so a tensor of a few megabytes made and dropped per batch costs a page
/// fault for each of its pages every time. Before libtorch loads, keep blocks up to 32 MiB on the heap and let up to
/// 512 MiB of freed heap stay with each malloc arena. A user's own malloc settings (GLIBC_TUNABLES naming glibc.malloc,
/// or MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_) are left alone.
/// </summary>
public static partial class HeapTuning
{
    internal const int MmapThresholdBytes = 32 << 20;
    internal const int TrimThresholdBytes = 512 << 20;
    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;

    /// <summary>Whether this process's malloc was tuned (false where the user set their own or the C library is not glibc).</summary>
    public static bool Applied { get; private set; }

    internal static void Apply()
    {
        if (Applied || !OperatingSystem.IsLinux() || UserConfigured(Environment.GetEnvironmentVariable)) return;
        try
        {
            Applied = mallopt(MmapThreshold, MmapThresholdBytes) == 1 && mallopt(TrimThreshold, TrimThresholdBytes) == 1;
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    /// <summary>Whether the environment already configures glibc's malloc.</summary>
    public static bool UserConfigured(Func<string, string?> environment) =>
        environment("GLIBC_TUNABLES") is { } tunables && tunables.Contains("glibc.malloc.", StringComparison.Ordinal)
        || !string.IsNullOrEmpty(environment("MALLOC_MMAP_THRESHOLD_"))
        || !string.IsNullOrEmpty(environment("MALLOC_TRIM_THRESHOLD_"));

    [LibraryImport("libc")]
    private static partial int mallopt(int parameter, int value);
}
