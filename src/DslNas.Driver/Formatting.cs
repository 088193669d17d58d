using System.Globalization;
using System.Numerics;

namespace DslNas.Driver;

internal static class Formatting
{
    /// <summary>The exact count, with its order of magnitude when it is large.</summary>
    internal static string Count(BigInteger count) =>
        count < 1_000_000_000
            ? count.ToString("N0", CultureInfo.InvariantCulture)
            : $"{count.ToString(CultureInfo.InvariantCulture)} (~{Math.Exp(BigInteger.Log(count)).ToString("E2", CultureInfo.InvariantCulture)})";

    internal static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
