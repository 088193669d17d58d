using System.Reflection;
using System.Runtime.InteropServices;

namespace DslNas.Torch.Native;

/// <summary>Loads the shim built next to this assembly, whatever the current directory is.</summary>
internal static class NativeLibraryResolver
{
    internal const string ShimName = "dslnas_torch";

    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != ShimName) return IntPtr.Zero;
        var directory = Path.GetDirectoryName(assembly.Location);
        var candidates = new[] { AppContext.BaseDirectory, directory }
            .Where(d => !string.IsNullOrEmpty(d))
            .Select(d => Path.Combine(d!, "libdslnas_torch.so"));
        foreach (var path in candidates)
        {
            if (!File.Exists(path)) continue;
            BlasKernelSelection.Apply();
            HeapTuning.Apply();
            if (!NativeLibrary.TryLoad(path, out var loaded)) continue;
            SetDefaultThreads(loaded);
            return loaded;
        }
        throw new DllNotFoundException(
            $"libdslnas_torch.so was not found next to {assembly.GetName().Name}.dll ({directory}). " +
            "It is built by the DslNas.Torch project: run 'dotnet build' and check its output for the native build step.");
    }

    /// <summary>
    /// libtorch starts with one intra-op thread on some distributions; use every core unless
    /// DSLNAS_THREADS says otherwise. Runs before the first call into the shim.
    /// </summary>
    private static unsafe void SetDefaultThreads(IntPtr library)
    {
        var threads = int.TryParse(Environment.GetEnvironmentVariable("DSLNAS_THREADS"), out var configured) && configured > 0
            ? configured
            : Environment.ProcessorCount;
        var setThreads = (delegate* unmanaged<int, int>)NativeLibrary.GetExport(library, "DNTorch_set_num_threads");
        setThreads(threads);
    }
}
