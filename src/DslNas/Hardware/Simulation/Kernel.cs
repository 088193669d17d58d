namespace DslNas.Hardware.Simulation;

/// <summary>One kernel a part launches: its name, floating-point operations and bytes moved (inputs, weights and outputs, float32).</summary>
public sealed record Kernel(string Name, double Flops, double Bytes)
{
    private const double Float = 4;

    /// <summary>A matrix product [m, k] x [k, n] (+ bias): 2mkn operations; reads both operands, writes the result.</summary>
    public static Kernel Gemm(string name, double m, double k, double n) => new(name, 2 * m * k * n, Float * (m * k + k * n + m * n + n));

    /// <summary>A batched product of <paramref name="count"/> [m, k] x [k, n] matrices.</summary>
    public static Kernel BatchedGemm(string name, double count, double m, double k, double n) => new(name, 2 * count * m * k * n, Float * count * (m * k + k * n + m * n));

    /// <summary>An element-wise pass over <paramref name="elements"/> values with <paramref name="flopsPerElement"/> operations each, reading <paramref name="reads"/> inputs.</summary>
    public static Kernel Elementwise(string name, double elements, double flopsPerElement, double reads = 1) => new(name, flopsPerElement * elements, Float * (reads + 1) * elements);
}
