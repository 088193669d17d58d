using DslNas.Torch.Native;

namespace DslNas.Torch.Tests;

public sealed class HeapTuningTests
{
    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData("glibc.rtld.nns=2", null, null, false)]
    [InlineData("glibc.malloc.arena_max=2", null, null, true)]
    [InlineData("glibc.rtld.nns=2:glibc.malloc.mmap_threshold=65536", null, null, true)]
    [InlineData(null, "1048576", null, true)]
    [InlineData(null, null, "1048576", true)]
    [InlineData(null, "", "", false)]
    public void A_users_own_malloc_settings_are_recognised(string? tunables, string? mmap, string? trim, bool expected)
    {
        var environment = new Dictionary<string, string?> { ["GLIBC_TUNABLES"] = tunables, ["MALLOC_MMAP_THRESHOLD_"] = mmap, ["MALLOC_TRIM_THRESHOLD_"] = trim };
        HeapTuning.UserConfigured(name => environment.GetValueOrDefault(name)).Should().Be(expected);
    }

    [Fact]
    public void The_heap_is_tuned_once_libtorch_is_loaded_unless_the_user_tuned_it()
    {
        torch.get_num_threads();
        if (OperatingSystem.IsLinux() && !HeapTuning.UserConfigured(Environment.GetEnvironmentVariable))
            HeapTuning.Applied.Should().BeTrue("glibc accepts both thresholds");
    }
}
