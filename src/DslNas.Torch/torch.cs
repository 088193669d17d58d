using DslNas.Torch.Native;

namespace DslNas.Torch;

/// <summary>Tensor creation and the global state of the runtime, named as in PyTorch and TorchSharp.</summary>
public static partial class torch
{
    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType int32 = ScalarType.Int32;
    public const ScalarType @bool = ScalarType.Bool;

    /// <summary>Opens a scope that disposes every tensor created on this thread until it is disposed.</summary>
    public static DisposeScope NewDisposeScope() => new();

    public static void manual_seed(long seed) => LibTorch.Check(LibTorch.DNTorch_manual_seed(seed));

    /// <summary>The default generator's state (dropout masks, rand, randn...), to restore with <see cref="set_rng_state"/>.</summary>
    public static byte[] get_rng_state()
    {
        var size = LibTorch.DNTorch_rng_state_size();
        if (size < 0) throw TorchException.FromLastError(nameof(get_rng_state));
        var state = new byte[size];
        LibTorch.Check(LibTorch.DNTorch_get_rng_state(state, size));
        return state;
    }

    public static void set_rng_state(ReadOnlySpan<byte> state) => LibTorch.Check(LibTorch.DNTorch_set_rng_state(state, state.Length));

    public static void set_num_threads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "the thread count must be at least 1");
        LibTorch.Check(LibTorch.DNTorch_set_num_threads(threads));
    }

    public static int get_num_threads()
    {
        var threads = LibTorch.DNTorch_get_num_threads();
        return threads >= 0 ? threads : throw TorchException.FromLastError(nameof(get_num_threads));
    }

    public static bool is_grad_enabled() => LibTorch.DNTorch_is_grad_enabled() != 0;

    /// <summary>Turns gradient recording off on this thread until the returned guard is disposed.</summary>
    public static GradModeGuard no_grad() => new(enabled: false);

    /// <summary>Turns gradient recording on on this thread until the returned guard is disposed.</summary>
    public static GradModeGuard enable_grad() => new(enabled: true);

    /// <summary>This thread's precision of float32 matrix products.</summary>
    public static MatmulPrecision get_matmul_precision() => (MatmulPrecision)LibTorch.DNTorch_get_matmul_precision();

    /// <summary>Sets this thread's precision of float32 matrix products until the returned scope is disposed.</summary>
    public static MatmulPrecisionScope matmul_precision(MatmulPrecision precision) => new(precision);

    public static Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        using var handles = new HandleArray(tensors);
        return new Tensor(LibTorch.DNTensor_cat(handles.Pointers, handles.Pointers.Length, dim));
    }

    public static Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        using var handles = new HandleArray(tensors);
        return new Tensor(LibTorch.DNTensor_stack(handles.Pointers, handles.Pointers.Length, dim));
    }

    public static Tensor where(Tensor condition, Tensor a, Tensor b) => new(LibTorch.DNTensor_where(condition.Handle, a.Handle, b.Handle));
}
