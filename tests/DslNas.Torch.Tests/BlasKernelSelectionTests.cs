using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using DslNas.Torch.Native;

namespace DslNas.Torch.Tests;

public sealed class BlasKernelSelectionTests
{
    [Fact]
    public void The_kernel_follows_the_instruction_sets_of_this_cpu()
    {
        var expected = Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported ? "SkylakeX"
            : Avx2.IsSupported && Fma.IsSupported ? "Haswell"
            : null;
        BlasKernelSelection.Choose().Should().Be(expected);
    }

    [Fact]
    public void The_process_environment_names_a_kernel_once_libtorch_is_loaded()
    {
        torch.get_num_threads();
        var variable = Environment.GetEnvironmentVariable(BlasKernelSelection.Variable);
        if (BlasKernelSelection.Choose() is { } core && string.IsNullOrEmpty(variable))
            NativeEnvironment(BlasKernelSelection.Variable).Should().Be(core, "the runtime sets it before OpenBLAS reads it");
    }

    private static string? NativeEnvironment(string name) => Marshal.PtrToStringUTF8(getenv(name));

#pragma warning disable SYSLIB1054 // a plain import keeps the test project free of unsafe code
    [DllImport("libc")]
    private static extern IntPtr getenv(string name);
#pragma warning restore SYSLIB1054
}
