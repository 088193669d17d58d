using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace DslNas.Torch.Native;

/// <summary>
/// OpenBLAS picks its GEMM kernel from the CPU model at load time and falls back to a generic SSE3 kernel
/// ("Prescott") on CPUs it does not recognize, which virtual machines often report; matrix products then run
/// several times slower. Before libtorch (and so OpenBLAS) loads, name the kernel from the instruction sets
/// this CPU actually has. A user's own OPENBLAS_CORETYPE is left alone.
/// </summary>
public static partial class BlasKernelSelection
{
    internal const string Variable = "OPENBLAS_CORETYPE";

    internal static void Apply()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)) || !OperatingSystem.IsLinux()) return;
        var core = Choose();
        if (core is not null) setenv(Variable, core, overwrite: 0);
    }

    /// <summary>The OpenBLAS kernel this CPU should use, or null to leave the choice to OpenBLAS.</summary>
    public static string? Choose() =>
        Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported ? "SkylakeX"
        : Avx2.IsSupported && Fma.IsSupported ? "Haswell"
        : null;

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
