using DslNas.Torch.Native;

namespace DslNas.Torch;

public partial class Tensor
{
    /// <summary>Copies the elements, in row-major order, into a new array.</summary>
    public unsafe T[] ToArray<T>() where T : unmanaged
    {
        RequireElementType<T>();
        var result = new T[numel()];
        fixed (T* destination = result)
            LibTorch.Check(LibTorch.DNTensor_copy_to(Handle, destination, (long)result.Length * sizeof(T)));
        return result;
    }

    /// <summary>Overwrites the elements from <paramref name="data"/> (row-major, same count), outside autograd.</summary>
    public unsafe void CopyFrom<T>(ReadOnlySpan<T> data) where T : unmanaged
    {
        RequireElementType<T>();
        fixed (T* source = data)
            LibTorch.Check(LibTorch.DNTensor_copy_from(Handle, source, (long)data.Length * sizeof(T)));
    }

    /// <summary>Overwrites the elements from raw little-endian bytes of the tensor's own element type.</summary>
    public unsafe void CopyFromBytes(ReadOnlySpan<byte> data)
    {
        fixed (byte* source = data)
            LibTorch.Check(LibTorch.DNTensor_copy_from(Handle, source, data.Length));
    }

    /// <summary>The value of a one-element tensor.</summary>
    public T item<T>() where T : unmanaged
    {
        LibTorch.Check(LibTorch.DNTensor_item(Handle, out var native));
        var value = Scalar.FromNative(native);
        object boxed = typeof(T) == typeof(float) ? (float)value.ToDouble()
            : typeof(T) == typeof(double) ? value.ToDouble()
            : typeof(T) == typeof(long) ? value.ToInt64()
            : typeof(T) == typeof(int) ? checked((int)value.ToInt64())
            : typeof(T) == typeof(bool) ? value.ToInt64() != 0
            : throw new NotSupportedException($"item<{typeof(T).Name}> is not supported; use float, double, long, int or bool");
        return (T)boxed;
    }

    private void RequireElementType<T>() where T : unmanaged
    {
        var expected = ScalarTypes.Of<T>();
        var actual = dtype;
        if (actual != expected)
            throw new InvalidOperationException($"the tensor holds {actual} elements, not {typeof(T).Name} ({expected}); convert it with to_type first");
    }

    public Tensor to_type(ScalarType type) => new(LibTorch.DNTensor_to_dtype(Handle, (int)type));

    public Tensor clone() => new(LibTorch.DNTensor_clone(Handle));

    public Tensor copy_(Tensor source)
    {
        LibTorch.Check(LibTorch.DNTensor_copy_(Handle, source.Handle));
        return this;
    }

    public Tensor fill_(Scalar value)
    {
        LibTorch.Check(LibTorch.DNTensor_fill_(Handle, value.Native));
        return this;
    }

    public Tensor zero_()
    {
        LibTorch.Check(LibTorch.DNTensor_zero_(Handle));
        return this;
    }

    public Tensor normal_(double mean = 0, double std = 1)
    {
        LibTorch.Check(LibTorch.DNTensor_normal_(Handle, mean, std));
        return this;
    }

    public Tensor uniform_(double low = 0, double high = 1)
    {
        LibTorch.Check(LibTorch.DNTensor_uniform_(Handle, low, high));
        return this;
    }
}
