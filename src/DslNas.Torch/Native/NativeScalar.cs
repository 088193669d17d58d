using System.Runtime.InteropServices;

namespace DslNas.Torch.Native;

/// <summary>The shim's <c>DNScalar</c>: a tagged number passed by value.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct NativeScalar(int kind, double floating, long integral)
{
    public readonly int Kind = kind;
    public readonly double Floating = floating;
    public readonly long Integral = integral;
}
