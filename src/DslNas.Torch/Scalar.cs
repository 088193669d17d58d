using System.Globalization;
using DslNas.Torch.Native;

namespace DslNas.Torch;

/// <summary>A number or boolean passed to libtorch, keeping whether it is integral so that int64 math stays int64.</summary>
public readonly struct Scalar
{
    private readonly NativeScalar value;

    private Scalar(NativeScalar value) => this.value = value;

    internal NativeScalar Native => value;

    internal static Scalar FromNative(NativeScalar value) => new(value);

    public bool IsFloatingPoint => value.Kind == 0;

    public double ToDouble() => value.Kind == 0 ? value.Floating : value.Integral;

    public long ToInt64() => value.Kind == 0 ? (long)value.Floating : value.Integral;

    public static implicit operator Scalar(double v) => new(new NativeScalar(0, v, 0));
    public static implicit operator Scalar(float v) => new(new NativeScalar(0, v, 0));
    public static implicit operator Scalar(long v) => new(new NativeScalar(1, 0, v));
    public static implicit operator Scalar(int v) => new(new NativeScalar(1, 0, v));
    public static implicit operator Scalar(bool v) => new(new NativeScalar(2, 0, v ? 1 : 0));

    public override string ToString() => value.Kind switch
    {
        0 => value.Floating.ToString(CultureInfo.InvariantCulture),
        2 => value.Integral != 0 ? "true" : "false",
        _ => value.Integral.ToString(CultureInfo.InvariantCulture),
    };
}
