namespace DslNas.Torch;

/// <summary>Element types, numbered as c10::ScalarType.</summary>
public enum ScalarType
{
    Int32 = 3,
    Int64 = 4,
    Float32 = 6,
    Float64 = 7,
    Bool = 11,
}

internal static class ScalarTypes
{
    internal static int ElementSize(this ScalarType type) => type switch
    {
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 => 8,
        ScalarType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unsupported element type"),
    };

    internal static ScalarType Of<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? ScalarType.Float32
        : typeof(T) == typeof(double) ? ScalarType.Float64
        : typeof(T) == typeof(long) ? ScalarType.Int64
        : typeof(T) == typeof(int) ? ScalarType.Int32
        : typeof(T) == typeof(bool) ? ScalarType.Bool
        : throw new NotSupportedException($"{typeof(T).Name} has no tensor element type; use float, double, long, int or bool");

    internal static ScalarType FromNative(int code) =>
        Enum.IsDefined(typeof(ScalarType), code)
            ? (ScalarType)code
            : throw new NotSupportedException($"libtorch element type {code} is not supported by DslNas.Torch");
}
