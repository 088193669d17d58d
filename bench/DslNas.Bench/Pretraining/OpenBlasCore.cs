using System.Runtime.InteropServices;

namespace DslNas.Bench.Pretraining;

/// <summary>The GEMM kernel OpenBLAS actually runs in this process (asked after libtorch has loaded it), not the one requested.</summary>
public static class OpenBlasCore
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr CoreName();

    public static string Name()
    {
        if (!NativeLibrary.TryLoad("libblas.so.3", out var blas) || !NativeLibrary.TryGetExport(blas, "openblas_get_corename", out var export))
            return "(not OpenBLAS)";
        return Marshal.PtrToStringAnsi(Marshal.GetDelegateForFunctionPointer<CoreName>(export)()) ?? "(unnamed)";
    }
}
