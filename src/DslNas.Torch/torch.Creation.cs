using DslNas.Torch.Native;

namespace DslNas.Torch;

public static partial class torch
{
    public static Tensor zeros(long[] shape, ScalarType dtype = ScalarType.Float32, bool requires_grad = false) =>
        new(LibTorch.DNTensor_zeros(shape, shape.Length, (int)dtype, requires_grad ? 1 : 0));

    public static Tensor ones(long[] shape, ScalarType dtype = ScalarType.Float32, bool requires_grad = false) =>
        new(LibTorch.DNTensor_ones(shape, shape.Length, (int)dtype, requires_grad ? 1 : 0));

    public static Tensor full(long[] shape, Scalar value, ScalarType dtype = ScalarType.Float32, bool requires_grad = false) =>
        new(LibTorch.DNTensor_full(shape, shape.Length, value.Native, (int)dtype, requires_grad ? 1 : 0));

    public static Tensor empty(long[] shape, ScalarType dtype = ScalarType.Float32, bool requires_grad = false) =>
        new(LibTorch.DNTensor_empty(shape, shape.Length, (int)dtype, requires_grad ? 1 : 0));

    public static Tensor arange(Scalar start, Scalar end, Scalar? step = null, ScalarType dtype = ScalarType.Int64, bool requires_grad = false) =>
        new(LibTorch.DNTensor_arange(start.Native, end.Native, (step ?? 1).Native, (int)dtype, requires_grad ? 1 : 0));

    public static Tensor arange(Scalar end, ScalarType dtype = ScalarType.Int64) => arange(0, end, 1, dtype);

    /// <summary>Uniform on [0, 1).</summary>
    public static Tensor rand(long[] shape, ScalarType dtype = ScalarType.Float32, bool requires_grad = false) =>
        new(LibTorch.DNTensor_rand(shape, shape.Length, (int)dtype, requires_grad ? 1 : 0));

    /// <summary>Standard normal.</summary>
    public static Tensor randn(long[] shape, ScalarType dtype = ScalarType.Float32, bool requires_grad = false) =>
        new(LibTorch.DNTensor_randn(shape, shape.Length, (int)dtype, requires_grad ? 1 : 0));

    /// <summary>Integers uniform on [low, high).</summary>
    public static Tensor randint(long low, long high, long[] shape, ScalarType dtype = ScalarType.Int64) =>
        new(LibTorch.DNTensor_randint(low, high, shape, shape.Length, (int)dtype));

    public static Tensor zeros_like(Tensor like) => zeros(like.shape, like.dtype);

    public static Tensor ones_like(Tensor like) => ones(like.shape, like.dtype);

    /// <summary>A tensor holding a copy of <paramref name="data"/> (row-major), shaped as <paramref name="shape"/> or one-dimensional.</summary>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> data, long[]? shape = null, bool requires_grad = false) where T : unmanaged
    {
        shape ??= [data.Length];
        long expected = 1;
        foreach (var size in shape) expected *= size;
        if (expected != data.Length)
            throw new ArgumentException($"{data.Length} values cannot fill a tensor of shape {Tensor.ShapeText(shape)} ({expected} elements)", nameof(data));
        fixed (T* pointer = data)
            return new Tensor(LibTorch.DNTensor_from_data(pointer, shape, shape.Length, (int)ScalarTypes.Of<T>(), requires_grad ? 1 : 0));
    }

    public static Tensor tensor<T>(T[] data, long[]? shape = null, bool requires_grad = false) where T : unmanaged =>
        tensor((ReadOnlySpan<T>)data, shape, requires_grad);

    public static Tensor tensor<T>(T[,] data, bool requires_grad = false) where T : unmanaged
    {
        var flat = new T[data.Length];
        var i = 0;
        foreach (var value in data) flat[i++] = value;
        return tensor(flat, [data.GetLength(0), data.GetLength(1)], requires_grad);
    }

    /// <summary>A zero-dimensional tensor.</summary>
    public static Tensor scalar_tensor<T>(T value) where T : unmanaged => tensor([value], []);
}
