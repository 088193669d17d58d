namespace DslNas.Torch;

/// <summary>
/// Whether this CPU multiplies bfloat16 natively (AVX-512 BF16 or AMX): there libtorch's bfloat16 matrix products are
/// about twice as fast as float32 ones; elsewhere they are emulated and slower than float32.
/// </summary>
public static class BFloat16Support
{
    private static readonly Lazy<string?> Instructions = new(() => FromCpuInfo(ReadCpuInfo()));

    /// <summary>The instruction set that computes bfloat16 products here ("avx512_bf16", "amx_bf16"), or null.</summary>
    public static string? NativeInstructions => Instructions.Value;

    public static bool IsNative => NativeInstructions is not null;

    /// <summary>The first bfloat16 instruction set named in the flags of a /proc/cpuinfo text, or null.</summary>
    public static string? FromCpuInfo(string? cpuinfo)
    {
        if (cpuinfo is null) return null;
        var flags = cpuinfo.Split('\n')
            .Where(line => line.StartsWith("flags", StringComparison.Ordinal) && line.Contains(':'))
            .SelectMany(line => line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        return new[] { "amx_bf16", "avx512_bf16" }.FirstOrDefault(flags.Contains);
    }

    private static string? ReadCpuInfo()
    {
        try
        {
            return OperatingSystem.IsLinux() ? File.ReadAllText("/proc/cpuinfo") : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
