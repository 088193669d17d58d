using System.Globalization;
using System.Runtime.CompilerServices;
using DslNas.Torch.Native;

namespace DslNas.Torch;

/// <summary>
/// A libtorch tensor. The native tensor is held by a <see cref="SafeHandle"/>-derived handle and released on
/// <see cref="Dispose"/>, by the innermost <see cref="DisposeScope"/> open when it was created, or by the
/// finalizer as a last resort.
/// </summary>
public partial class Tensor : IDisposable
{
    private DisposeScope? scope;
    private long[]? shapeCache;

    /// <param name="operation">The operation that made <paramref name="handle"/>, named in the error when it is null.</param>
    internal Tensor(IntPtr handle, [CallerMemberName] string operation = "") : this(new TensorHandle(LibTorch.Check(handle, operation)), joinScope: true)
    {
    }

    private protected Tensor(TensorHandle handle, bool joinScope)
    {
        Handle = handle;
        if (!joinScope) return;
        scope = DisposeScope.Current;
        scope?.Add(this);
    }

    internal TensorHandle Handle { get; }

    /// <summary>Native tensors created through this binding and not yet released, on all threads.</summary>
    public static long LiveCount => TensorHandle.Live;

    public bool IsDisposed => Handle.IsClosed;

    public long[] shape
    {
        get
        {
            if (shapeCache is not null) return (long[])shapeCache.Clone();
            var ndim = LibTorch.DNTensor_ndim(Handle);
            if (ndim < 0) throw TorchException.FromLastError(nameof(shape));
            var sizes = new long[ndim];
            LibTorch.Check(LibTorch.DNTensor_sizes(Handle, sizes));
            shapeCache = sizes;
            return (long[])sizes.Clone();
        }
    }

    public long size(int dim)
    {
        var sizes = shapeCache ?? shape;
        var index = dim < 0 ? dim + sizes.Length : dim;
        if (index < 0 || index >= sizes.Length)
            throw new ArgumentOutOfRangeException(nameof(dim), $"dimension {dim} is out of range for a tensor of shape {ShapeText(sizes)}");
        return sizes[index];
    }

    public int ndim => (shapeCache ?? shape).Length;

    public long numel()
    {
        var count = LibTorch.DNTensor_numel(Handle);
        return count >= 0 ? count : throw TorchException.FromLastError(nameof(numel));
    }

    public ScalarType dtype
    {
        get
        {
            var code = LibTorch.DNTensor_dtype(Handle);
            if (code < 0) throw TorchException.FromLastError(nameof(dtype));
            return ScalarTypes.FromNative(code);
        }
    }

    /// <summary>Leaves the scope it was created in and joins the next outer one (or none).</summary>
    public Tensor MoveToOuterDisposeScope()
    {
        if (scope is null) return this;
        scope.Remove(this);
        scope = scope.Outer;
        scope?.Add(this);
        return this;
    }

    /// <summary>Leaves every dispose scope: the caller now owns the tensor.</summary>
    public Tensor DetachFromDisposeScope()
    {
        scope?.Remove(this);
        scope = null;
        return this;
    }

    public void Dispose()
    {
        scope?.Remove(this);
        scope = null;
        Handle.Dispose();
        GC.SuppressFinalize(this);
    }

    internal void DisposeFromScope()
    {
        scope = null;
        Handle.Dispose();
    }

    /// <summary>
    /// The raw pointer of an optional argument, or zero. The caller keeps <paramref name="tensor"/> alive
    /// (GC.KeepAlive) until the native call returns.
    /// </summary>
    internal static IntPtr OptionalPointer(Tensor? tensor)
    {
        if (tensor is null) return IntPtr.Zero;
        ObjectDisposedException.ThrowIf(tensor.Handle.IsClosed, tensor);
        return tensor.Handle.DangerousGetHandle();
    }

    public override string ToString() => $"Tensor{ShapeText(shape)} {dtype}";

    internal static string ShapeText(IEnumerable<long> sizes) =>
        "[" + string.Join(", ", sizes.Select(s => s.ToString(CultureInfo.InvariantCulture))) + "]";
}
